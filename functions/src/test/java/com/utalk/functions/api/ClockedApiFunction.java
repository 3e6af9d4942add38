package com.utalk.functions.api;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.utalk.config.Settings;
import com.utalk.functions.wiring.Backend;

/**
 * {@link ApiFunction} on {@link TestClock#SHARED}, loadable by the invoker through its no-arg
 * constructor.
 */
public final class ClockedApiFunction implements HttpFunction {
  private final ApiFunction delegate =
      new ApiFunction(new Backend(Settings.fromEnvironment(), TestClock.SHARED));

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    delegate.service(request, response);
  }
}
