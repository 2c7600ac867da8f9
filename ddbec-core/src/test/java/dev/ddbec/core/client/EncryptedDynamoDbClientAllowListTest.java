package dev.ddbec.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every operation of the SDK's {@link DynamoDbClient} and {@link DynamoDbAsyncClient} is decided on
 * explicitly: implemented by {@link EncryptedDynamoDbClient} and {@link
 * EncryptedDynamoDbAsyncClient} (protected or refused) or by their generated pass-through
 * superclasses (listed in {@code pass-through-operations.txt}). A new SDK operation that is not yet
 * decided on must fail this test rather than fall back to the interface default.
 */
class EncryptedDynamoDbClientAllowListTest {

  @Test
  void everyRequestTakingOperation_isImplementedExplicitly() {
    assertThat(notImplemented(DynamoDbClient.class, EncryptedDynamoDbClient.class))
        .containsExactlyInAnyOrderElementsOf(PAGINATORS);
  }

  @Test
  void everyRequestTakingAsyncOperation_isImplementedExplicitly() {
    assertThat(notImplemented(DynamoDbAsyncClient.class, EncryptedDynamoDbAsyncClient.class))
        .containsExactlyInAnyOrderElementsOf(PAGINATORS);
  }

  /**
   * Paginators construct their iterables (publishers) on the client itself (interface defaults), so
   * every page comes from the explicit protected or pass-through method.
   */
  private static final List<String> PAGINATORS =
      List.of(
          "queryPaginator",
          "scanPaginator",
          "batchGetItemPaginator",
          "listTablesPaginator",
          "listContributorInsightsPaginator",
          "listExportsPaginator",
          "listImportsPaginator");

  private static List<String> notImplemented(Class<?> api, Class<?> implementation) {
    List<String> missing = new ArrayList<>();
    for (Method m : api.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())
          || m.getParameterCount() != 1
          || !SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])) {
        continue;
      }
      try {
        Method impl = implementation.getMethod(m.getName(), m.getParameterTypes());
        if (impl.getDeclaringClass().isInterface()) { // the SDK's default: not decided on
          missing.add(m.getName());
        }
      } catch (NoSuchMethodException e) {
        missing.add(m.getName());
      }
    }
    return missing;
  }
}
