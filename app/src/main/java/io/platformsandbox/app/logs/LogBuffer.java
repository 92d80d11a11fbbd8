package io.platformsandbox.app.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender that keeps what the engine and the workbench log, for the Log dock. Lines are
 * queued from any thread and drained by the view model on the JavaFX thread.
 */
public final class LogBuffer extends AppenderBase<ILoggingEvent> {
  private static final int MAX_QUEUED = 10_000;
  private final ConcurrentLinkedQueue<LogLine> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  /**
   * Attaches a buffer to the root logger and lets the sandbox's own INFO lines through (the
   * engine's logback.xml keeps them at WARN for the CLI).
   */
  public static LogBuffer install() {
    LogBuffer buffer = new LogBuffer();
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      buffer.setContext(ctx);
      buffer.setName("workbench-log-dock");
      buffer.start();
      ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(buffer);
      ctx.getLogger("io.platformsandbox").setLevel(Level.INFO);
    }
    return buffer;
  }

  @Override
  protected void append(ILoggingEvent e) {
    String message = e.getFormattedMessage();
    IThrowableProxy t = e.getThrowableProxy();
    if (t != null) {
      message = message + " (" + t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
    }
    String logger = e.getLoggerName();
    int dot = logger.lastIndexOf('.');
    add(new LogLine(Instant.ofEpochMilli(e.getTimeStamp()), e.getLevel().toString(), dot < 0 ? logger : logger.substring(dot + 1), message));
  }

  /** Adds a line (also for the workbench's own messages and tests). */
  public void add(LogLine line) {
    queue.add(line);
    if (size.incrementAndGet() > MAX_QUEUED) {
      queue.poll();
      size.decrementAndGet();
    }
  }

  /** Takes every queued line. */
  public List<LogLine> drain() {
    List<LogLine> out = new ArrayList<>();
    LogLine l;
    while ((l = queue.poll()) != null) {
      size.decrementAndGet();
      out.add(l);
    }
    return out;
  }
}
