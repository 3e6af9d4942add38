package com.utalk.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a migration would write: counted, the first few kept as examples, nothing sent anywhere. */
final class DryRunWrites implements MigrationWrites {
  private static final int EXAMPLES = 10;
  private final List<String> examples = new ArrayList<>();
  private long count;

  @Override
  public void set(String path, Map<String, Object> fields) {
    record("set " + path + " " + fields.keySet());
  }

  @Override
  public void update(String path, Map<String, Object> fields) {
    record("update " + path + " " + fields.keySet());
  }

  @Override
  public void delete(String path) {
    record("delete " + path);
  }

  private void record(String write) {
    count++;
    if (examples.size() < EXAMPLES) {
      examples.add(write);
    }
  }

  @Override
  public void flush() {}

  @Override
  public long count() {
    return count;
  }

  List<String> examples() {
    return List.copyOf(examples);
  }
}
