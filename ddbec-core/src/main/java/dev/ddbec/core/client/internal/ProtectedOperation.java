package dev.ddbec.core.client.internal;

import java.util.Collection;

/**
 * One protected DynamoDB operation, written once for both helper clients (as the Enhanced Client's
 * {@code CommonOperation} serves its sync and async clients): which tables it needs, and how to
 * prepare a call (check and encrypt the request; complete the response; map errors). {@link
 * SyncRunner} and {@link AsyncRunner} run it; neither does any crypto of its own. Instances are the
 * constants of {@link Operations}; stateless and thread-safe.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public interface ProtectedOperation<Q, R> {

  /**
   * The tables the request works on, as it names them (names or ARNs); a null or empty name fails
   * the request with an {@link dev.ddbec.api.InvalidConfigurationException}.
   *
   * @param request the caller's request
   * @return the table names
   */
  Collection<String> tables(Q request);

  /**
   * Whether the cached key schemas are too old for this request (it names an index they do not
   * know): the runner then forgets them and resolves the tables once more.
   *
   * @param request the caller's request
   * @param tables the resolved tables
   * @return true to describe the tables again
   */
  default boolean stale(Q request, Tables tables) {
    return false;
  }

  /**
   * Checks and rewrites the request (encryption and materials-provider calls happen here).
   *
   * @param request the caller's request
   * @param tables the resolved tables of the request
   * @return the call to make
   * @throws dev.ddbec.core.client.RefusedRequestException if the request cannot be protected
   */
  Exchange<Q, R> prepare(Q request, Tables tables);
}
