package dev.ddbec.core.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * The logback appender of ddbec-core's tests (src/test/resources/logback-test.xml): keeps every log
 * line of the test JVM (ddbec's at every level, everything else from INFO), so that tests can check
 * what was logged and {@link NoSecretsInLogs} can check that no line holds a fixture secret.
 *
 * <pre>{@code
 * int mark = CapturedLog.mark();
 * ...
 * assertThat(CapturedLog.since(mark, CachingMostRecentProvider.class.getName())).hasSize(1);
 * }</pre>
 */
public final class CapturedLog extends AppenderBase<ILoggingEvent> {
  private static final List<ILoggingEvent> EVENTS = new ArrayList<>();
  private static int checked;

  /** Created by logback from logback-test.xml. */
  public CapturedLog() {}

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    synchronized (EVENTS) {
      EVENTS.add(event);
    }
  }

  /**
   * The position of the next line, for {@link #since}.
   *
   * @return the number of lines so far
   */
  public static int mark() {
    synchronized (EVENTS) {
      return EVENTS.size();
    }
  }

  /**
   * The lines of one logger since {@code mark}.
   *
   * @param mark a value of {@link #mark()}
   * @param loggerName the logger
   * @return its lines, oldest first
   */
  public static List<ILoggingEvent> since(int mark, String loggerName) {
    synchronized (EVENTS) {
      return EVENTS.subList(mark, EVENTS.size()).stream()
          .filter(e -> e.getLoggerName().equals(loggerName))
          .toList();
    }
  }

  /**
   * The lines not yet handed out by this method, as text: level, logger, message and every
   * exception's class and message (causes and suppressed ones included).
   *
   * @return the lines since the previous call
   */
  static List<String> unchecked() {
    List<ILoggingEvent> events;
    synchronized (EVENTS) {
      events = new ArrayList<>(EVENTS.subList(checked, EVENTS.size()));
      checked = EVENTS.size();
    }
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : events) {
      StringBuilder line =
          new StringBuilder()
              .append(e.getLevel())
              .append(' ')
              .append(e.getLoggerName())
              .append(' ')
              .append(e.getFormattedMessage());
      appendThrowable(line, e.getThrowableProxy());
      lines.add(line.toString());
    }
    return lines;
  }

  private static void appendThrowable(StringBuilder line, IThrowableProxy t) {
    if (t == null) {
      return;
    }
    line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    appendThrowable(line, t.getCause());
    for (IThrowableProxy s : t.getSuppressed()) {
      appendThrowable(line, s);
    }
  }
}
