package com.utalk.ops.cli;

import java.util.List;

/**
 * What one action concluded: {@code OK}, a problem (its cause and the next step to take), or that
 * it could not check at all (the environment did not answer the tool). The verdict line is what an
 * operator reads first; the evidence is why.
 */
public record Finding(Outcome outcome, String cause, String next, List<Evidence> evidence) {
  public enum Outcome {
    /** Nothing wrong found (or a fix left nothing to fix). Exit 0. */
    OK(0),
    /** A cause was found (diagnose), or a fix did not bring the service back. Exit 1. */
    PROBLEM(1),
    /**
     * The checks themselves could not run: credentials, network, a stack that is not up. Exit 3.
     */
    UNKNOWN(3),
    /** A fix that changes data was not confirmed. Exit 4. */
    DECLINED(4);

    private final int exitCode;

    Outcome(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  public Finding {
    evidence = List.copyOf(evidence);
  }

  public static Finding ok(List<Evidence> evidence) {
    return new Finding(Outcome.OK, null, null, evidence);
  }

  /** OK with a note: what a fix did, or "nothing to fix: …" (shown as {@code OK — <note>}). */
  public static Finding ok(String note, List<Evidence> evidence) {
    return new Finding(Outcome.OK, note, null, evidence);
  }

  public static Finding problem(String cause, String next, List<Evidence> evidence) {
    return new Finding(Outcome.PROBLEM, cause, next, evidence);
  }

  public static Finding unknown(String cause, String next, List<Evidence> evidence) {
    return new Finding(Outcome.UNKNOWN, cause, next, evidence);
  }

  public static Finding declined(String what) {
    return new Finding(
        Outcome.DECLINED, "not applied: " + what, "re-run with --yes once reviewed", List.of());
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }

  /** {@code OK}, or {@code <cause> — next: <step>}. */
  public String verdict() {
    if (outcome == Outcome.OK) {
      return cause == null ? "OK" : "OK — " + cause;
    }
    return cause + (next == null ? "" : " — next: " + next);
  }
}
