package com.utalk.ops.release;

import com.utalk.emulators.stack.StackConfig;
import com.utalk.emulators.stack.StackControl;

/**
 * The local stack as a deployment: deploying is restarting its service processes (the functions
 * host and the realtime service), which start from the build on disk ({@code functions/target},
 * {@code realtime-service/target}); rolling back is the same restart once the previous build is
 * back on disk. Locally there is one build on disk, so "previous version" means: check it out
 * and build it (the evidence says so); in the cloud the previous revision is still deployed.
 */
final class LocalDeployment implements Deployment {
  /** The stack's parts to restart: "api" stands for the functions host (every function shares its process). */
  static final String[] SERVICES = {"api", "realtime-service"};

  private final StackConfig config;

  LocalDeployment(StackConfig config) {
    this.config = config;
  }

  @Override
  public String deploy() throws Exception {
    return restartAll();
  }

  @Override
  public String rollback() throws Exception {
    return restartAll() + " (restarted on the build on disk: put the previous build there first)";
  }

  private String restartAll() throws InterruptedException {
    StringBuilder done = new StringBuilder();
    for (String service : SERVICES) {
      done.append(done.length() == 0 ? "" : "; ").append(StackControl.restart(config, service));
    }
    return done.toString();
  }
}
