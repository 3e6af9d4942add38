package com.utalk.ops.release;

/**
 * Where a release runs and how it is undone. Locally ({@link LocalDeployment}) the stack's
 * services are restarted on the build on disk; in the cloud the previous Cloud Run revision and
 * function versions take the traffic back (the Terraform/pipeline work of issue 17).
 */
interface Deployment {
  /** Makes the new build the one serving; returns what happened, for the evidence. */
  String deploy() throws Exception;

  /** Puts the previous version back; returns what happened, for the evidence. */
  String rollback() throws Exception;
}
