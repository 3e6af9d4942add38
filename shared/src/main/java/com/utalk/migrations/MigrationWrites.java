package com.utalk.migrations;

import java.util.Map;

/**
 * The only way a migration writes. The live runner batches the writes within Firestore's limits; a
 * dry run gets {@link DryRunWrites}, which only counts and records them.
 */
public interface MigrationWrites {
  void set(String path, Map<String, Object> fields);

  /**
   * Field paths may be dotted ({@code preferences.language}); a value of {@code
   * FieldValue.delete()} removes the field.
   */
  void update(String path, Map<String, Object> fields);

  void delete(String path);

  /**
   * Makes the writes so far durable (called after each page, so a crash loses at most one page of
   * work).
   */
  void flush();

  long count();
}
