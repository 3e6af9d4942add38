package com.utalk.migrations;

import java.util.List;

/** Every migration of the codebase; the runner applies them in version order. Add new ones here. */
public final class Migrations {
  public static final List<Migration> ALL = List.of(new V1_2_0__AddUserPreferences());

  private Migrations() {}
}
