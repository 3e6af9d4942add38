package com.utalk.realtime.socketio;

/** The Engine.IO transport a connection currently uses. */
public enum Transport {
  /** HTTP long-polling: a parked GET for server→client data, short POSTs for client→server data. */
  POLLING("polling"),
  /** One WebSocket connection, one frame per packet. */
  WEBSOCKET("websocket");

  private final String wireName;

  Transport(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the {@code transport} query parameter. */
  public String wireName() {
    return wireName;
  }
}
