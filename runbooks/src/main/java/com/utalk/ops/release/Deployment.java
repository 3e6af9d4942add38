package com.utalk.ops.release;

/**
 * Where a release runs and how it is undone. Locally ({@link LocalDeployment}) each version's
 * artifacts are recorded under the stack's run folder and the services restart on the one that
 * serves; in the cloud ({@code CloudDeployment}) Terraform deploys the version and a rollback gives
 * the traffic back to the previous Cloud Run revision and function source.
 */
interface Deployment {
  /** Makes the version the one serving; returns what happened, for the evidence. */
  String deploy() throws Exception;

  /** Puts the previous version back. */
  Rollback rollback() throws Exception;

  /**
   * A rollback done: the version taken back, the one serving again, and what happened (for the
   * evidence).
   */
  record Rollback(String from, String to, String evidence) {}
}
