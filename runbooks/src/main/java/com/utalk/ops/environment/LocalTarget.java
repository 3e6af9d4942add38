package com.utalk.ops.environment;

import com.utalk.config.Settings;
import com.utalk.emulators.stack.StackConfig;
import com.utalk.emulators.stack.StackControl;
import com.utalk.twilio.TwilioCredentials;
import java.time.Duration;

/**
 * The local stack ({@code emulators/dev up}): its emulators, its Twilio stand-in, its log files,
 * its processes. Where it lives comes from the same UTALK_* variables the stack reads, so a test's
 * stack on other ports is a target as much as a developer's.
 */
public final class LocalTarget extends GoogleClients {
  private final StackConfig config;
  private final Settings deployed;

  public LocalTarget(StackConfig config) {
    super(config.gcpProject(), Duration.ofSeconds(3), Duration.ofSeconds(5));
    this.config = config;
    // what every service of the stack runs with (emulators/.../stack/StackConfig#serviceEnv)
    this.deployed = Settings.of(config.serviceEnv("ops", 0));
  }

  public StackConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Settings settings() {
    return deployed;
  }

  @Override
  public String publicBaseUrl() {
    return config.publicBaseUrl();
  }

  @Override
  public String realtimeUrl() {
    return config.realtimeUrl();
  }

  @Override
  public TwilioCredentials twilio() {
    return TwilioCredentials.from(deployed);
  }

  @Override
  public LogSource logs() {
    return new LocalLogFiles(config.logDir());
  }

  @Override
  public String restartRealtime() throws Exception {
    return StackControl.restart(config, "realtime-service");
  }
}
