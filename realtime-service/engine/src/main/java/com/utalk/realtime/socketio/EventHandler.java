package com.utalk.realtime.socketio;

/**
 * Handles one named event sent by a client. See {@link SocketServer} for the thread it runs on. An
 * exception is logged and otherwise ignored (the connection stays open; the client's ack, if any,
 * is not sent).
 */
@FunctionalInterface
public interface EventHandler {
  void onEvent(Args args, Ack ack) throws Exception;
}
