package com.utalk.ops.cli;

/**
 * One thing a command does ({@code diagnose}, {@code fix}). An action that changes data says so: it
 * must then ask {@link OpsContext#confirm} before each change, record it with {@link
 * OpsContext#audit}, and find nothing to do when run a second time.
 */
public interface OpsAction {
  String name();

  /** One line for {@code --help}, including the action's own options. */
  String summary();

  boolean changesData();

  Finding run(OpsContext context) throws Exception;

  /** A read-only action from a name, a summary and a function. */
  static OpsAction reading(String name, String summary, Body body) {
    return new Simple(name, summary, false, body);
  }

  /** An action that changes data (confirmation, audit, idempotence are its duty). */
  static OpsAction changing(String name, String summary, Body body) {
    return new Simple(name, summary, true, body);
  }

  @FunctionalInterface
  interface Body {
    Finding run(OpsContext context) throws Exception;
  }

  record Simple(String name, String summary, boolean changesData, Body body) implements OpsAction {
    @Override
    public Finding run(OpsContext context) throws Exception {
      return body.run(context);
    }
  }
}
