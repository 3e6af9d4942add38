package com.utalk.functions.messaging;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.utalk.auth.MutableClock;
import com.utalk.config.Settings;
import com.utalk.functions.wiring.Backend;
import java.time.Instant;

/**
 * {@link TwilioStatusCallback} on a clock the test sets, loadable by the invoker through its no-arg
 * constructor: the k-th callback of every permutation arrives at the same instant.
 */
public final class ClockedStatusCallback implements HttpFunction {
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private final TwilioStatusCallback delegate =
      new TwilioStatusCallback(new Backend(Settings.fromEnvironment(), CLOCK));

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    delegate.service(request, response);
  }
}
