package dev.ddbec.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * Counts the KMS API calls (and HTTP attempts, which include retries) a real SDK client makes, by
 * operation and region, and keeps the requests and responses of the operations asked for.
 *
 * <p>Thread-safe. Add it to a client with {@code MotoKmsServer.client(region, counter)}.
 */
public final class KmsCallCounter implements ExecutionInterceptor {
  private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final AtomicLong attempts = new AtomicLong();
  private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
  private final List<SdkResponse> responses = new CopyOnWriteArrayList<>();
  private volatile boolean record;

  /** A counter that keeps no requests or responses. */
  public KmsCallCounter() {}

  /**
   * Keeps every request and response from now on (for tests that inspect them).
   *
   * @return this counter
   */
  public KmsCallCounter recording() {
    record = true;
    return this;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    calls.computeIfAbsent(key(region, op), k -> new AtomicLong()).incrementAndGet();
    calls.computeIfAbsent(key(null, op), k -> new AtomicLong()).incrementAndGet();
    if (record) {
      requests.add(context.request());
    }
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attempts.incrementAndGet();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (record) {
      responses.add(context.response());
    }
  }

  /**
   * API calls of one operation in any region.
   *
   * @param operation e.g. {@code GenerateDataKey}
   * @return the count
   */
  public long calls(String operation) {
    AtomicLong n = calls.get(key(null, operation));
    return n == null ? 0 : n.get();
  }

  /**
   * API calls of one operation in one region.
   *
   * @param region the client's region
   * @param operation e.g. {@code Decrypt}
   * @return the count
   */
  public long calls(Region region, String operation) {
    AtomicLong n = calls.get(key(region, operation));
    return n == null ? 0 : n.get();
  }

  /**
   * All API calls.
   *
   * @return the count
   */
  public long totalCalls() {
    return calls.entrySet().stream()
        .filter(e -> e.getKey().startsWith("*/"))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  /**
   * HTTP attempts (more than {@link #totalCalls()} when the SDK retried).
   *
   * @return the count
   */
  public long attempts() {
    return attempts.get();
  }

  /**
   * Recorded requests of a type, in order.
   *
   * @param type e.g. {@code GenerateDataKeyRequest.class}
   * @param <T> the request type
   * @return the requests
   */
  public <T extends SdkRequest> List<T> requests(Class<T> type) {
    return requests.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * Recorded responses of a type, in order.
   *
   * @param type e.g. {@code GenerateDataKeyResponse.class}
   * @param <T> the response type
   * @return the responses
   */
  public <T extends SdkResponse> List<T> responses(Class<T> type) {
    return responses.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Forgets all counts and recordings. */
  public void reset() {
    calls.clear();
    attempts.set(0);
    requests.clear();
    responses.clear();
  }

  private static String key(Region region, String operation) {
    return (region == null ? "*" : region.id()) + "/" + operation;
  }
}
