package com.utalk.ops.cli;

/**
 * One fact a check found (a count, a request ID, a timestamp, a setting's length): never a secret's
 * value.
 */
public record Evidence(String name, String value) {
  public static Evidence of(String name, Object value) {
    return new Evidence(name, String.valueOf(value));
  }
}
