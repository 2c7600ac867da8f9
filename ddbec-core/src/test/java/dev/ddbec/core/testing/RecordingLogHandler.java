package dev.ddbec.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A java.util.logging handler that keeps every record of one logger (and its children) while it is
 * attached: where {@link System.Logger} goes by default, so tests can check what ddbec logs.
 *
 * <pre>{@code
 * try (RecordingLogHandler log = RecordingLogHandler.attach("dev.ddbec.core.metastore")) {
 *   ...
 *   assertThat(log.records()).hasSize(1);
 * }
 * }</pre>
 */
public final class RecordingLogHandler extends Handler implements AutoCloseable {
  private final Logger logger;
  private final List<LogRecord> records = new ArrayList<>();

  private RecordingLogHandler(Logger logger) {
    this.logger = logger;
    setLevel(Level.ALL);
  }

  /**
   * Starts recording the records of a logger.
   *
   * @param loggerName the logger's name
   * @return the handler, attached until {@link #close()}
   */
  public static RecordingLogHandler attach(String loggerName) {
    RecordingLogHandler handler = new RecordingLogHandler(Logger.getLogger(loggerName));
    handler.logger.addHandler(handler);
    return handler;
  }

  /**
   * The records so far.
   *
   * @return a copy of the records
   */
  public synchronized List<LogRecord> records() {
    return List.copyOf(records);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  /** Detaches the handler. */
  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
