package com.utalk.wiring;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value built on first use, exactly once per function instance, however many requests arrive
 * together (double-checked on a volatile). The one way the functions and the shared modules wire
 * services lazily: a cold instance must not pay for what its first request does not use, and two
 * concurrent first requests must not build two services (two caches, two lock tables).
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<? extends T> factory;
  private volatile T value;

  private Lazy(Supplier<? extends T> factory) {
    this.factory = factory;
  }

  public static <T> Lazy<T> of(Supplier<? extends T> factory) {
    return new Lazy<>(factory);
  }

  @Override
  public T get() {
    T current = value;
    if (current == null) {
      synchronized (this) {
        current = value;
        if (current == null) {
          current = factory.get();
          value = current;
        }
      }
    }
    return current;
  }

  /** The value if something already built it; never builds it (closing what was never opened). */
  public Optional<T> ifBuilt() {
    return Optional.ofNullable(value);
  }
}
