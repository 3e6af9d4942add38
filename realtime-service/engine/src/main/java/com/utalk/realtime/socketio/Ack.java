package com.utalk.realtime.socketio;

/**
 * The acknowledgement callback of a client event ({@code socket.emit("x", data, (reply) => ...)} on
 * the client). Thread-safe; may be called later, from any thread. Only the first call is sent.
 */
public interface Ack {
  /** An ack for an event whose sender did not ask for one: {@link #send} does nothing. */
  Ack NONE =
      new Ack() {
        @Override
        public void send(Object... args) {}

        @Override
        public boolean requested() {
          return false;
        }
      };

  /** Sends the reply; the arguments are serialized with the project's JSON mapper. */
  void send(Object... args);

  /** Whether the client is waiting for a reply. */
  boolean requested();
}
