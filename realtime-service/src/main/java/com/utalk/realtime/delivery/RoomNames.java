package com.utalk.realtime.delivery;

/**
 * The rooms of the realtime service. Every socket is in its workspace's room and its own agent room
 * from the moment it connects; it joins a conversation's room with {@code conversation:join}.
 */
public final class RoomNames {
  /** Every socket: receives api:changes. */
  public static final String EVERYONE = "everyone";

  private RoomNames() {}

  public static String workspace(String workspaceId) {
    return "workspace:" + workspaceId;
  }

  public static String conversation(String conversationId) {
    return "conversation:" + conversationId;
  }

  public static String agent(String uid) {
    return "agent:" + uid;
  }
}
