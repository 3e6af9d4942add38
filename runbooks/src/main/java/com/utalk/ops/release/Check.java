package com.utalk.ops.release;

import com.utalk.ops.cli.OpsContext;

/**
 * One item of a release checklist: it passes or fails with its evidence, or says honestly why it
 * cannot run here.
 */
interface Check {
  String name();

  Result run(OpsContext context) throws Exception;

  enum Status {
    PASSED("✔"),
    FAILED("✘"),
    SKIPPED("–");

    final String mark;

    Status(String mark) {
      this.mark = mark;
    }
  }

  record Result(Status status, String evidence) {
    static Result passed(String evidence) {
      return new Result(Status.PASSED, evidence);
    }

    static Result failed(String evidence) {
      return new Result(Status.FAILED, evidence);
    }

    /** Not a pass: printed as "skipped: why", never as ✔. */
    static Result skipped(String why) {
      return new Result(Status.SKIPPED, "skipped: " + why);
    }
  }

  static Check of(String name, Body body) {
    return new Check() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Result run(OpsContext context) throws Exception {
        return body.run(context);
      }
    };
  }

  @FunctionalInterface
  interface Body {
    Result run(OpsContext context) throws Exception;
  }
}
