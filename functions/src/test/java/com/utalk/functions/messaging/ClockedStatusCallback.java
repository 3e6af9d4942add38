package com.utalk.functions.messaging;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.utalk.config.Settings;
import com.utalk.functions.wiring.Backend;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * {@link TwilioStatusCallback} on a clock the test sets, loadable by the invoker through its no-arg
 * constructor: the k-th callback of every permutation arrives at the same instant.
 */
public final class ClockedStatusCallback implements HttpFunction {
  static final SetClock CLOCK = new SetClock();

  private final TwilioStatusCallback delegate = new TwilioStatusCallback(new Backend(Settings.fromEnvironment(), CLOCK));

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    delegate.service(request, response);
  }

  static final class SetClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
