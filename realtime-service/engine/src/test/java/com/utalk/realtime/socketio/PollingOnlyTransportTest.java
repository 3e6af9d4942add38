package com.utalk.realtime.socketio;

/** The client checks with {@code transports: ['polling']}. */
class PollingOnlyTransportTest extends NodeClientSuiteTest {
  @Override
  String mode() {
    return "polling";
  }
}
