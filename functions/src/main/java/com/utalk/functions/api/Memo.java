package com.utalk.functions.api;

import java.util.function.Supplier;

/** Builds a value on first use, once (per function instance). */
final class Memo<T> implements Supplier<T> {
  private final Supplier<T> factory;
  private volatile T value;

  Memo(Supplier<T> factory) {
    this.factory = factory;
  }

  @Override
  public T get() {
    T current = value;
    if (current == null) {
      synchronized (this) {
        if (value == null) {
          value = factory.get();
        }
        current = value;
      }
    }
    return current;
  }
}
