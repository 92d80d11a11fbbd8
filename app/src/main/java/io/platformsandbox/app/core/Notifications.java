package io.platformsandbox.app.core;

import io.platformsandbox.app.http.ApiException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every notice the workbench shows, newest last. Errors are turned into one readable sentence
 * here, so that no view shows a stack trace.
 *
 * <p>Threading: JavaFX thread (or the test thread).
 */
public final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private static final int MAX = 500;
  private final ObservableList<Notice> notices = FXCollections.observableArrayList();
  private Consumer<Notice> popup = n -> {};

  public ObservableList<Notice> notices() {
    return notices;
  }

  /** Where transient notifications go (the shell's overlay). */
  public void setPopup(Consumer<Notice> popup) {
    this.popup = popup;
  }

  public void post(Notice notice) {
    notices.add(notice);
    if (notices.size() > MAX) {
      notices.remove(0, notices.size() - MAX);
    }
    popup.accept(notice);
  }

  public void info(String title, String message) {
    post(Notice.info(title, message));
  }

  public void success(String title, String message) {
    post(Notice.success(title, message));
  }

  /** Reports a failure of {@code what} ("Create tenant") as a readable notice. */
  public void error(String what, Throwable e) {
    LOG.warn("{} failed: {}", what, describe(e), e instanceof ApiException ? null : e);
    post(Notice.error(what + " failed", describe(e)));
  }

  /** One sentence for a user, never a stack trace. */
  public static String describe(Throwable e) {
    if (e instanceof ApiException api) {
      return api.readableMessage();
    }
    if (e instanceof ConnectException) {
      return "The sandbox is not reachable; is it running?";
    }
    if (e instanceof InterruptedIOException || e instanceof InterruptedException) {
      return "Cancelled or timed out.";
    }
    if (e instanceof IOException io) {
      return "Network error: " + (io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage());
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
