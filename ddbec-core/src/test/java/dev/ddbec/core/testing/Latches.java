package dev.ddbec.core.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on a latch in a test thread or a test double, where a checked exception cannot go. */
public final class Latches {
  private Latches() {}

  /**
   * Waits until {@code latch} opens.
   *
   * @param latch the latch
   * @param seconds how long to wait at most
   * @param timedOut the message of the exception thrown when the latch stays closed
   * @throws IllegalStateException if the latch stays closed, or the thread is interrupted (its
   *     interrupt flag is set again)
   */
  public static void await(CountDownLatch latch, int seconds, String timedOut) {
    try {
      if (!latch.await(seconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException(timedOut);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
