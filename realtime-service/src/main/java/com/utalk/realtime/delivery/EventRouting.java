package com.utalk.realtime.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * Which rooms see which events. The inbox (workspace room) sees what changes its list: new messages
 * and conversation changes. Delivery ticks ({@code message:status}, three per outbound message)
 * only matter to whoever has the conversation open, so they go to the conversation room alone. A
 * conversation change naming an assignee also reaches that agent's own room. A socket in several of
 * these rooms receives the event once.
 */
public final class EventRouting {
  private EventRouting() {}

  public static List<String> roomsFor(SocketEvent event, String name) {
    List<String> rooms = new ArrayList<>(3);
    if (name.equals(SocketEvent.API_CHANGES)) {
      boolean everyone =
          event.workspaceId() == null
              || event.workspaceId().isBlank()
              || event.workspaceId().equals("*");
      rooms.add(everyone ? RoomNames.EVERYONE : RoomNames.workspace(event.workspaceId()));
      return rooms;
    }
    rooms.add(RoomNames.conversation(event.conversationId()));
    if (!name.equals(SocketEvent.MESSAGE_STATUS)) {
      rooms.add(RoomNames.workspace(event.workspaceId()));
    }
    if (name.equals(SocketEvent.CONVERSATION_UPDATED)
        || name.equals(SocketEvent.CONVERSATION_ESCALATED)) {
      String assignee = assigneeOf(event);
      if (assignee != null && !assignee.isBlank()) {
        rooms.add(RoomNames.agent(assignee));
      }
    }
    return rooms;
  }

  /**
   * conversation.updated carries the conversation after the change; escalations name it directly.
   */
  private static String assigneeOf(SocketEvent event) {
    if (event.data() == null) {
      return null;
    }
    String nested = event.data().path("conversation").path("assignedAgentId").textValue();
    return nested != null ? nested : event.data().path("assignedAgentId").textValue();
  }
}
