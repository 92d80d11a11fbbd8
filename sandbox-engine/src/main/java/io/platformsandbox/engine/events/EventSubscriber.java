package io.platformsandbox.engine.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Reacts to appended events: {@link #inTransaction} runs inside the appending transaction (so its
 * writes commit or roll back with the event), {@link #afterCommit} once the events are durable.
 */
public interface EventSubscriber {
  void inTransaction(Connection connection, Event event) throws SQLException;

  void afterCommit(List<Event> events);
}
