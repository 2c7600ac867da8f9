package dev.ddbec.core.client.internal;

import java.util.function.Predicate;

/**
 * An operation that is passed through unchanged on unprotected tables and refused on protected ones
 * (PartiQL, SearchVectors), decided from configuration alone before anything is sent. Instances are
 * the constants of {@link Operations}.
 *
 * @param <Q> the request type
 */
@FunctionalInterface
public interface RequestGuard<Q> {
  /**
   * Refuses the request if it touches a protected table.
   *
   * @param request the caller's request
   * @param isProtected tells from configuration whether a table (name or ARN) is protected
   * @throws dev.ddbec.core.client.RefusedRequestException if the request is refused
   */
  void check(Q request, Predicate<String> isProtected);
}
