package com.utalk.realtime.socketio;

/** The client checks with {@code transports: ['websocket']}. */
class WebSocketOnlyTransportTest extends NodeClientSuiteTest {
  @Override
  String mode() {
    return "websocket";
  }
}
