package dev.ddbec.core.client;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The helper client under test, {@link EncryptedDynamoDbClient} or {@link
 * EncryptedDynamoDbAsyncClient}, seen as one {@link DynamoDbClient}, so that one test suite runs
 * every behaviour against both: a request goes to the same method of the client under test; the
 * async client's future is joined and a {@link CompletionException} unwrapped, so a test sees the
 * exception the future failed with. Paginators and the {@code Consumer} overloads are the SDK's
 * defaults, built on this adapter, so their pages also come from the client under test.
 */
interface ClientUnderTest extends DynamoDbClient {

  /** The clients a suite runs against. */
  enum Kind {
    SYNC,
    ASYNC;

    /** A builder of this kind of client, without a delegate. */
    Builder builder() {
      return new Builder(
          this == SYNC
              ? EncryptedDynamoDbClient.builder()
              : EncryptedDynamoDbAsyncClient.builder());
    }
  }

  /** See {@link EncryptedDynamoDbClient#withTableConfig(TableConfig)}. */
  ClientUnderTest withTableConfig(TableConfig override);

  /** See {@link EncryptedDynamoDbClient#toBuilder()}. */
  Builder toBuilder();

  /** The client under test itself. */
  Object unwrap();

  /** The builder of either client, with the setters they share. */
  final class Builder {
    private final ProtectionSettings.ClientBuilder<?, ?> builder;

    Builder(ProtectionSettings.ClientBuilder<?, ?> builder) {
      this.builder = builder;
    }

    Builder delegate(Object delegate) {
      if (builder instanceof EncryptedDynamoDbClient.Builder b) {
        b.delegate((DynamoDbClient) delegate);
      } else {
        ((EncryptedDynamoDbAsyncClient.Builder) builder).delegate((DynamoDbAsyncClient) delegate);
      }
      return this;
    }

    Builder materialsProvider(dev.ddbec.api.spi.MaterialsProvider provider) {
      builder.materialsProvider(provider);
      return this;
    }

    Builder attributeActions(dev.ddbec.api.AttributeActions actions) {
      builder.attributeActions(actions);
      return this;
    }

    Builder plaintextPolicy(PlaintextPolicy policy) {
      builder.plaintextPolicy(policy);
      return this;
    }

    Builder tableConfig(TableConfig config) {
      builder.tableConfig(config);
      return this;
    }

    Builder tableConfigs(Collection<TableConfig> configs) {
      builder.tableConfigs(configs);
      return this;
    }

    ClientUnderTest build() {
      return builder instanceof EncryptedDynamoDbClient.Builder b
          ? of(b.build())
          : of(((EncryptedDynamoDbAsyncClient.Builder) builder).build());
    }
  }

  /** The adapter over a client under test. */
  static ClientUnderTest of(Object client) {
    return (ClientUnderTest)
        Proxy.newProxyInstance(
            ClientUnderTest.class.getClassLoader(),
            new Class<?>[] {ClientUnderTest.class},
            new Handler(client));
  }

  /** Sends each call to the client under test. */
  final class Handler implements InvocationHandler {
    private final Object client;

    Handler(Object client) {
      this.client = client;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      switch (name) {
        case "unwrap":
          return client;
        case "withTableConfig":
          return of(client.getClass().getMethod(name, TableConfig.class).invoke(client, args[0]));
        case "toBuilder":
          return new Builder(
              (ProtectionSettings.ClientBuilder<?, ?>)
                  client.getClass().getMethod(name).invoke(client));
        case "toString":
          return client.toString();
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        default:
          break;
      }
      if (client instanceof DynamoDbClient) {
        try {
          return client.getClass().getMethod(name, method.getParameterTypes()).invoke(client, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
      if (name.equals("waiter")) {
        return DynamoDbWaiter.builder().client((DynamoDbClient) proxy).build();
      }
      if (method.isDefault()
          && (name.endsWith("Paginator")
              || (args != null && args.length == 1 && args[0] instanceof Consumer))) {
        return InvocationHandler.invokeDefault(proxy, method, args); // built on this adapter
      }
      Object result;
      try {
        result = client.getClass().getMethod(name, method.getParameterTypes()).invoke(client, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (result instanceof CompletableFuture<?> future) {
        try {
          return future.join();
        } catch (CompletionException e) {
          throw e.getCause();
        }
      }
      return result;
    }
  }
}
