package com.utalk.ops.environment;

import com.utalk.config.Settings;
import com.utalk.emulators.stack.StackConfig;
import com.utalk.ops.cli.Options;

/** {@code --env local} is the local stack; dev, staging and prod are the deployed projects. */
public final class Targets {
  private Targets() {}

  public static Target open(Options options, Settings settings) {
    if (options.local()) {
      return new LocalTarget(StackConfig.from(settings));
    }
    return CloudTarget.open(CloudEnvironment.from(options.env(), settings));
  }
}
