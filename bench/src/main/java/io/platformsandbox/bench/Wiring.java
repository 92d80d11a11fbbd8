package io.platformsandbox.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/**
 * Builds an engine component the way {@code Engine.start()} wires it, by constructor parameter type,
 * from a few known objects (the database, the clock), building any other collaborator it needs the
 * same way. The bench uses it for the bulk load through {@code RecordStore}, so that the load keeps
 * working (and keeps doing what the engine does, e.g. appending record events) when the store
 * gains a collaborator.
 */
final class Wiring {
  private Wiring() {}

  static <T> T build(Class<T> type, Map<Class<?>, Object> known) {
    return build(type, known, 0);
  }

  private static <T> T build(Class<T> type, Map<Class<?>, Object> known, int depth) {
    Object have = known.get(type);
    if (have != null) {
      return type.cast(have);
    }
    if (depth > 4) {
      throw new IllegalStateException("cannot wire " + type.getName() + ": too deep");
    }
    Constructor<?> ctor =
        Arrays.stream(type.getConstructors())
            .filter(c -> Modifier.isPublic(c.getModifiers()))
            .max(Comparator.comparingInt(Constructor::getParameterCount))
            .orElseThrow(() -> new IllegalStateException("no public constructor on " + type.getName()));
    Object[] args = new Object[ctor.getParameterCount()];
    Class<?>[] params = ctor.getParameterTypes();
    for (int i = 0; i < params.length; i++) {
      args[i] = build(params[i], known, depth + 1);
    }
    try {
      T built = type.cast(ctor.newInstance(args));
      known.put(type, built);
      return built;
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot build " + type.getName() + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }
}
