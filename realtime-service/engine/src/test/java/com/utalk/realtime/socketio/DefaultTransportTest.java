package com.utalk.realtime.socketio;

/**
 * The client checks with socket.io-client's default transports: long-polling, then the upgrade to
 * WebSocket.
 */
class DefaultTransportTest extends NodeClientSuiteTest {
  @Override
  String mode() {
    return "default";
  }
}
