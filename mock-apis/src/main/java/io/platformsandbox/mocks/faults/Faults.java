package io.platformsandbox.mocks.faults;

import java.util.List;

/**
 * Run-time fault injection into the mock server's responses, per host or per stub.
 *
 * <p>Rules are tried in the order they were added; the first that matches a response and wins
 * its probability roll applies, and only that one. A rule applies to requests that arrive after
 * {@link #add} returns and stops applying to those that arrive after {@link #remove} returns.
 *
 * <p>Thread-safe.
 */
public interface Faults {

  /** Adds a rule and returns it with its new {@code id}. */
  FaultRule add(FaultRule rule);

  /** Removes a rule; returns whether it existed. */
  boolean remove(String id);

  void clear();

  /** The active rules, with their remaining {@code count}. */
  List<FaultRule> list();
}
