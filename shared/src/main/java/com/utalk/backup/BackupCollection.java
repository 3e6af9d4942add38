package com.utalk.backup;

import java.util.List;

/**
 * One file of a backup: a top-level collection, or (with {@code parent}) every subcollection of
 * that name under the documents of {@code parent} (the conversations' {@code events}). {@code
 * excludedFields} are dotted field paths removed before anything is written.
 */
public record BackupCollection(String name, String parent, List<String> excludedFields) {
  public BackupCollection {
    excludedFields = List.copyOf(excludedFields);
  }

  public static BackupCollection top(String name, String... excluded) {
    return new BackupCollection(name, null, List.of(excluded));
  }

  public static BackupCollection under(String parent, String name) {
    return new BackupCollection(name, parent, List.of());
  }

  /** The collection a manifest's label names (its exclusions are not needed to read it back). */
  public static BackupCollection fromLabel(String label) {
    String[] parts = label.split("/\\*/");
    return parts.length == 2 ? under(parts[0], parts[1]) : top(label);
  }

  /**
   * Whether a document at {@code path} belongs here (a collection-group query also finds same-named
   * subcollections elsewhere).
   */
  public boolean holds(String path) {
    String[] segments = path.split("/");
    return parent == null
        ? segments.length == 2 && segments[0].equals(name)
        : segments.length == 4 && segments[0].equals(parent) && segments[2].equals(name);
  }

  public boolean subcollection() {
    return parent != null;
  }

  /** The object name of this collection's file inside a backup. */
  public String fileName() {
    return (parent == null ? name : parent + "." + name) + ".jsonl.gz";
  }

  /**
   * How the manifest and reports name it: {@code conversations/*}{@code /events} for a
   * subcollection.
   */
  public String label() {
    return parent == null ? name : parent + "/*/" + name;
  }
}
