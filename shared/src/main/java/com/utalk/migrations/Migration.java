package com.utalk.migrations;

import java.util.List;

/**
 * One versioned change of the stored data, named {@code V<major>_<minor>_<patch>__<Name>}. It reads
 * and writes only through its {@link MigrationContext}, so that a dry run writes nothing.
 */
public interface Migration {
  String description();

  /**
   * Applies the change. Must be idempotent: after a crash the runner calls it again and it must do
   * only what is left (e.g. touch only documents that still lack the new field).
   */
  void up(MigrationContext context) throws Exception;

  /**
   * Undoes {@link #up}; returns false when it cannot, and the runner restores the pre-migration
   * backup instead.
   */
  default boolean down(MigrationContext context) throws Exception {
    return false;
  }

  /**
   * What must be true afterwards, checked over the data: the violations found (empty when valid).
   */
  List<String> validate(MigrationContext context) throws Exception;
}
