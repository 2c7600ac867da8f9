package dev.ddbec.examples;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The builder the Enhanced Client's immutable schema asks a record for, without writing one: an
 * interface declaring one setter per record component (named like it) and {@code build()}, backed
 * by this handler, which keeps the values set and calls the record's canonical constructor. The
 * record's components must be of reference types (an unset one is {@code null}).
 */
final class RecordBuilder implements InvocationHandler {
  private final Class<? extends Record> type;
  private final Map<String, Object> values = new HashMap<>();

  private RecordBuilder(Class<? extends Record> type) {
    this.type = type;
  }

  /**
   * A new builder of {@code type}, holding the values of {@code from} if it is not null.
   *
   * @param type the record class
   * @param builder the builder interface: {@code B name(T value)} per component, {@code build()}
   * @param from a record whose values to start with, or null
   * @param <R> the record type
   * @param <B> the builder type
   * @return the builder
   */
  static <R extends Record, B> B of(Class<R> type, Class<B> builder, R from) {
    RecordBuilder handler = new RecordBuilder(type);
    if (from != null) {
      for (RecordComponent c : type.getRecordComponents()) {
        handler.values.put(c.getName(), invoke(c.getAccessor(), from));
      }
    }
    return builder.cast(
        Proxy.newProxyInstance(builder.getClassLoader(), new Class<?>[] {builder}, handler));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "builder of " + type.getSimpleName() + " " + values;
      };
    }
    if (args == null) { // build()
      RecordComponent[] components = type.getRecordComponents();
      Constructor<?> canonical =
          constructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
      return construct(
          canonical, Arrays.stream(components).map(c -> values.get(c.getName())).toArray());
    }
    values.put(method.getName(), args[0]);
    return proxy;
  }

  private Constructor<?> constructor(Class<?>[] parameterTypes) {
    try {
      return type.getDeclaredConstructor(parameterTypes);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type + " has no canonical constructor", e);
    }
  }

  private static Object construct(Constructor<?> constructor, Object[] arguments) {
    try {
      return constructor.newInstance(arguments);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + constructor.getDeclaringClass(), e);
    }
  }

  private static Object invoke(Method accessor, Object target) {
    try {
      return accessor.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + accessor, e);
    }
  }
}
