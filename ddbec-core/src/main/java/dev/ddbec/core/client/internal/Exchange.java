package dev.ddbec.core.client.internal;

import java.util.function.UnaryOperator;

/**
 * One prepared call of a protected operation: the request to send (encrypted and checked), how to
 * complete the response (verify and decrypt), and how to map the delegate's failure (decrypt the
 * item a failed condition carries). Made by {@link ProtectedOperation#prepare}, used once by a
 * runner.
 *
 * @param request the request to send to the delegate
 * @param completion turns the delegate's response into the caller's
 * @param failure turns the delegate's exception into the caller's
 * @param <Q> the request type
 * @param <R> the response type
 */
public record Exchange<Q, R>(
    Q request, UnaryOperator<R> completion, UnaryOperator<RuntimeException> failure) {

  /**
   * An exchange whose failures reach the caller unchanged.
   *
   * @param request the request to send
   * @param completion turns the delegate's response into the caller's
   * @param <Q> the request type
   * @param <R> the response type
   * @return the exchange
   */
  public static <Q, R> Exchange<Q, R> of(Q request, UnaryOperator<R> completion) {
    return new Exchange<>(request, completion, UnaryOperator.identity());
  }

  /** The caller's response. */
  public R complete(R response) {
    return completion.apply(response);
  }

  /** The exception the caller gets for the delegate's {@code error}. */
  public RuntimeException failed(RuntimeException error) {
    return failure.apply(error);
  }
}
