package dev.ddbec.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5 extension: one {@link LocalDynamoDb} handle per test class (shared with {@code @Nested}
 * classes), opened before the first test and closed after the last; the server behind it is the
 * JVM's shared moto server (or {@value LocalDynamoDb#ENDPOINT_ENV}).
 *
 * <p>Either register it on a static field and use {@link #local()}:
 *
 * <pre>{@code
 * @RegisterExtension static final LocalDynamoDbExtension DDB = new LocalDynamoDbExtension();
 * }</pre>
 *
 * <p>or declare it with {@code @ExtendWith(LocalDynamoDbExtension.class)} and take a {@link
 * LocalDynamoDb}, {@link DynamoDbClient} or {@link DynamoDbAsyncClient} parameter in a constructor,
 * {@code @BeforeAll} or test method (the clients are the handle's shared ones).
 */
// "exports": JUnit is an optional (static) dependency of this module, so not re-exported; test
// code that uses the extension has JUnit anyway.
@SuppressWarnings("exports")
public final class LocalDynamoDbExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalDynamoDbExtension.class);
  private static final String KEY = "handle";

  private volatile LocalDynamoDb local;

  /** Creates the extension; the handle opens in {@code beforeAll}. */
  public LocalDynamoDbExtension() {}

  /**
   * The handle of the current test class.
   *
   * @return the handle
   * @throws IllegalStateException outside the test class's lifetime
   */
  public LocalDynamoDb local() {
    LocalDynamoDb l = local;
    if (l == null) {
      throw new IllegalStateException(
          "no LocalDynamoDb here: register LocalDynamoDbExtension on a static field"
              + " and use it from tests or @BeforeAll methods");
    }
    return l;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // Looked up with fallback to enclosing classes: @Nested classes reuse their outer handle.
    LocalDynamoDb existing = context.getStore(NAMESPACE).get(KEY, LocalDynamoDb.class);
    if (existing != null) {
      local = existing;
      return;
    }
    LocalDynamoDb started = LocalDynamoDb.start();
    context.getStore(NAMESPACE).put(KEY, started);
    local = started;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // remove() only looks at this class's own store: nested classes leave the handle open.
    LocalDynamoDb mine = context.getStore(NAMESPACE).remove(KEY, LocalDynamoDb.class);
    if (mine != null) {
      local = null;
      mine.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalDynamoDb.class
        || type == DynamoDbClient.class
        || type == DynamoDbAsyncClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    LocalDynamoDb server = context.getStore(NAMESPACE).get(KEY, LocalDynamoDb.class);
    if (server == null) {
      throw new ParameterResolutionException(
          "no LocalDynamoDb here; LocalDynamoDbExtension opens one per test class");
    }
    Class<?> type = parameter.getParameter().getType();
    if (type == DynamoDbClient.class) {
      return server.client();
    }
    if (type == DynamoDbAsyncClient.class) {
      return server.asyncClient();
    }
    return server;
  }
}
