package dev.ddbec.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An application writer racing a bulk job over the same table: while the job runs, a thread keeps
 * putting random items with a new value of one attribute and remembers the last value it wrote for
 * each item, so that a test can check afterwards that no update was lost.
 *
 * <pre>{@code
 * WriterRace<Result> race =
 *     WriterRace.run(n, SampleTable::item, "secret", item -> app.putItem(...), () -> job.run());
 * assertThat(race.writes()).isPositive();
 * // for every stored item i: its value is race.latest(i, valueBeforeTheJob)
 * }</pre>
 *
 * @param <T> the job's result type
 */
public final class WriterRace<T> {
  private final Map<Integer, String> latest = new ConcurrentHashMap<>();
  private final AtomicLong writes = new AtomicLong();
  private T result;

  private WriterRace() {}

  /**
   * Runs {@code job} while a writer thread repeatedly takes a random {@code i} in {@code [0, n)},
   * sets {@code attribute} of {@code items.apply(i)} to {@code "updated <k>"} ({@code k} counting
   * the writes) and hands the item to {@code put}. The writer stops, and is joined, once the job
   * ends, normally or not.
   *
   * @param n the number of items ({@code items} is called with {@code 0 <= i < n})
   * @param items item {@code i} as first written (a fresh or unmodifiable map)
   * @param attribute the string attribute each write changes
   * @param put writes one item to the table (through the application's client)
   * @param job the bulk job
   * @param <T> the job's result type
   * @return the race: the job's result, the writes made and the last value of each item
   * @throws Exception what the job threw
   * @throws InterruptedException if interrupted while joining the writer
   */
  public static <T> WriterRace<T> run(
      int n,
      IntFunction<Map<String, AttributeValue>> items,
      String attribute,
      Consumer<Map<String, AttributeValue>> put,
      Callable<T> job)
      throws Exception {
    WriterRace<T> race = new WriterRace<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              while (!stop.get()) {
                int i = ThreadLocalRandom.current().nextInt(n);
                String value = "updated " + race.writes.incrementAndGet();
                Map<String, AttributeValue> item = new HashMap<>(items.apply(i));
                item.put(attribute, AttributeValue.fromS(value));
                put.accept(item);
                race.latest.put(i, value);
              }
            });
    writer.start();
    try {
      race.result = job.call();
    } finally {
      stop.set(true);
      writer.join();
    }
    return race;
  }

  /**
   * The job's result.
   *
   * @return what the job returned
   */
  public T result() {
    return result;
  }

  /**
   * The writes the writer made while the job ran.
   *
   * @return the number of items put
   */
  public long writes() {
    return writes.get();
  }

  /**
   * The value item {@code i} must now have.
   *
   * @param i the item number
   * @param unchanged its value before the race, if the writer never wrote it
   * @return the writer's last value of the item, or {@code unchanged}
   */
  public String latest(int i, String unchanged) {
    return latest.getOrDefault(i, unchanged);
  }
}
