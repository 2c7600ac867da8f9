package dev.ddbec.bulk.internal;

import com.google.common.util.concurrent.RateLimiter;
import dev.ddbec.bulk.RateUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * The capacity budget of one run, shared by its segments: read and write rate limiters (units are
 * capacity units where DynamoDB reports consumed capacity, items otherwise) and exponential backoff
 * with jitter on throttling errors the SDK's own retries did not absorb.
 */
public final class Budget {
  private static final int MAX_THROTTLE_RETRIES = 10;
  private static final long BASE_BACKOFF_MILLIS = 50;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final RateLimiter reads;
  private final RateLimiter writes;
  private final boolean capacityUnits;

  public Budget(double maxReadRate, double maxWriteRate, RateUnit unit) {
    this.capacityUnits = unit == RateUnit.CAPACITY_UNITS;
    this.reads = maxReadRate > 0 ? RateLimiter.create(maxReadRate) : null;
    this.writes = maxWriteRate > 0 ? RateLimiter.create(maxWriteRate) : null;
  }

  /** Pays for a read that consumed the reported capacity, or {@code items} when none reported. */
  public void paidRead(ConsumedCapacity consumed, int items) {
    pay(reads, consumed, items);
  }

  /** Waits for one write permit before a write. */
  public void beforeWrite() {
    if (writes != null) {
      writes.acquire();
    }
  }

  /** Pays for what a write consumed beyond the one permit taken before it. */
  public void paidWrite(ConsumedCapacity consumed) {
    if (writes != null && capacityUnits && consumed != null && consumed.capacityUnits() != null) {
      int extra = (int) Math.ceil(consumed.capacityUnits()) - 1;
      if (extra > 0) {
        writes.acquire(extra);
      }
    }
  }

  private void pay(RateLimiter limiter, ConsumedCapacity consumed, int items) {
    if (limiter == null) {
      return;
    }
    int units =
        capacityUnits && consumed != null && consumed.capacityUnits() != null
            ? (int) Math.ceil(consumed.capacityUnits())
            : items;
    if (units > 0) {
      limiter.acquire(units);
    }
  }

  /** Runs a request, backing off and retrying on throttling errors. */
  public static <T> T throttled(Supplier<T> request) {
    for (int attempt = 0; ; attempt++) {
      try {
        return request.get();
      } catch (AwsServiceException e) {
        if (!e.isThrottlingException() || attempt >= MAX_THROTTLE_RETRIES) {
          throw e;
        }
        long cap = Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << Math.min(attempt, 10));
        sleep(cap / 2 + (long) (Math.random() * (cap / 2)));
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BulkInterruptedException();
    }
  }

  /** The run's thread was interrupted while backing off. */
  public static final class BulkInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BulkInterruptedException() {
      super("interrupted");
    }
  }
}
