package com.utalk.realtime.socketio;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The Engine.IO protocol's HTTP errors, {@code {"code": n, "message": "..."}}, with the codes,
 * messages and statuses of the reference server: clients and the protocol suite compare them.
 */
enum EngineError {
  TRANSPORT_UNKNOWN(0, "Transport unknown", HttpResponseStatus.BAD_REQUEST),
  UNKNOWN_SID(1, "Session ID unknown", HttpResponseStatus.BAD_REQUEST),
  BAD_HANDSHAKE_METHOD(2, "Bad handshake method", HttpResponseStatus.BAD_REQUEST),
  BAD_REQUEST(3, "Bad request", HttpResponseStatus.BAD_REQUEST),
  FORBIDDEN(4, "Forbidden", HttpResponseStatus.FORBIDDEN),
  UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", HttpResponseStatus.BAD_REQUEST);

  final int code;
  final String message;
  final HttpResponseStatus status;

  EngineError(int code, String message, HttpResponseStatus status) {
    this.code = code;
    this.message = message;
    this.status = status;
  }

  /** The response body; the messages are constants, nothing needs escaping. */
  String json() {
    return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
  }
}
