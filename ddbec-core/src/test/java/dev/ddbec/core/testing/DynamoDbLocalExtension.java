package dev.ddbec.core.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * JUnit 5 extension: one {@link DynamoDbLocal} server per test class (shared with {@code @Nested}
 * classes), started before the first test and stopped after the last.
 *
 * <p>Either register it on a static field and use {@link #local()}:
 *
 * <pre>{@code
 * @RegisterExtension static final DynamoDbLocalExtension DDB = new DynamoDbLocalExtension();
 * }</pre>
 *
 * <p>or declare it with {@code @ExtendWith(DynamoDbLocalExtension.class)} and take a {@link
 * DynamoDbLocal}, {@link DynamoDbClient} or {@link DynamoDbAsyncClient} parameter in a constructor,
 * {@code @BeforeAll} or test method (the clients are the server's shared ones).
 */
public final class DynamoDbLocalExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DynamoDbLocalExtension.class);
  private static final String KEY = "server";

  private volatile DynamoDbLocal local;

  /** Creates the extension; the server starts in {@code beforeAll}. */
  public DynamoDbLocalExtension() {}

  /**
   * The running server of the current test class.
   *
   * @return the server
   * @throws IllegalStateException outside the test class's lifetime
   */
  public DynamoDbLocal local() {
    DynamoDbLocal l = local;
    if (l == null) {
      throw new IllegalStateException(
          "DynamoDB Local is not running: register DynamoDbLocalExtension on a static field"
              + " and use it from tests or @BeforeAll methods");
    }
    return l;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // Looked up with fallback to enclosing classes: @Nested classes reuse their outer server.
    DynamoDbLocal existing = context.getStore(NAMESPACE).get(KEY, DynamoDbLocal.class);
    if (existing != null) {
      local = existing;
      return;
    }
    DynamoDbLocal started = DynamoDbLocal.start();
    context.getStore(NAMESPACE).put(KEY, started);
    local = started;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // remove() only looks at this class's own store: nested classes leave the server running.
    DynamoDbLocal mine = context.getStore(NAMESPACE).remove(KEY, DynamoDbLocal.class);
    if (mine != null) {
      local = null;
      mine.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == DynamoDbLocal.class
        || type == DynamoDbClient.class
        || type == DynamoDbAsyncClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    DynamoDbLocal server = context.getStore(NAMESPACE).get(KEY, DynamoDbLocal.class);
    if (server == null) {
      throw new ParameterResolutionException(
          "DynamoDB Local is not running here; DynamoDbLocalExtension starts it per test class");
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
