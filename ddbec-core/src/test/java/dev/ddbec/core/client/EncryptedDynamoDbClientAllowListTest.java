package dev.ddbec.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every operation of the SDK's {@link DynamoDbClient} is decided on explicitly: implemented by
 * {@link EncryptedDynamoDbClient} (protected, refused or passed through). A new SDK operation that
 * is not yet decided on must fail this test rather than fall back to the interface default.
 */
class EncryptedDynamoDbClientAllowListTest {

  @Test
  void everyRequestTakingOperation_isImplementedExplicitly() {
    List<String> missing = new ArrayList<>();
    for (Method m : DynamoDbClient.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())
          || m.getParameterCount() != 1
          || !SdkRequest.class.isAssignableFrom(m.getParameterTypes()[0])) {
        continue;
      }
      try {
        Method impl = EncryptedDynamoDbClient.class.getMethod(m.getName(), m.getParameterTypes());
        if (impl.getDeclaringClass() != EncryptedDynamoDbClient.class) {
          missing.add(m.getName());
        }
      } catch (NoSuchMethodException e) {
        missing.add(m.getName());
      }
    }
    // Paginators of control-plane listings construct their iterables on this client (interface
    // defaults), so they run through the explicit pass-through methods.
    assertThat(missing)
        .containsExactlyInAnyOrder(
            "listTablesPaginator",
            "listContributorInsightsPaginator",
            "listExportsPaginator",
            "listImportsPaginator");
  }
}
