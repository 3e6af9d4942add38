package com.utalk.realtime.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.escalation.EscalationService;
import com.utalk.events.ConversationEvent;
import com.utalk.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which rooms see which events (the inbox, the open conversation, the assignee, everyone). */
class EventRoutingTest {
  private static SocketEvent event(String workspace, String data) {
    JsonNode payload = data == null ? null : Json.read(data.getBytes(StandardCharsets.UTF_8));
    return new SocketEvent("e1", "t", workspace, "c1", 3, Instant.EPOCH, payload);
  }

  @Test
  void aNewMessageReachesTheConversationAndTheInbox() {
    assertEquals(
        List.of("conversation:c1", "workspace:w1"),
        EventRouting.roomsFor(event("w1", "{}"), SocketEvent.MESSAGE_NEW));
  }

  @Test
  void deliveryTicksReachOnlyTheOpenConversation() {
    assertEquals(
        List.of("conversation:c1"),
        EventRouting.roomsFor(event("w1", "{}"), SocketEvent.MESSAGE_STATUS));
  }

  @Test
  void aConversationChangeAlsoReachesItsAssignee() {
    SocketEvent updated = event("w1", "{\"conversation\":{\"assignedAgentId\":\"u7\"}}");
    assertEquals(
        List.of("conversation:c1", "workspace:w1", "agent:u7"),
        EventRouting.roomsFor(updated, SocketEvent.CONVERSATION_UPDATED));
    SocketEvent escalated = event("w1", "{\"assignedAgentId\":\"u8\"}");
    assertEquals(
        List.of("conversation:c1", "workspace:w1", "agent:u8"),
        EventRouting.roomsFor(escalated, SocketEvent.CONVERSATION_ESCALATED));
  }

  @Test
  void noAssigneeNoAgentRoom() {
    for (String data :
        new String[] {
          null, "{}", "{\"conversation\":{\"assignedAgentId\":\"\"}}", "{\"assignedAgentId\":null}"
        }) {
      assertEquals(
          List.of("conversation:c1", "workspace:w1"),
          EventRouting.roomsFor(event("w1", data), SocketEvent.CONVERSATION_UPDATED),
          String.valueOf(data));
    }
    assertEquals(
        List.of("conversation:c1", "workspace:w1"),
        EventRouting.roomsFor(event("w1", "{\"assignedAgentId\":\"u7\"}"), SocketEvent.MESSAGE_NEW),
        "only conversation changes go to the assignee");
  }

  @Test
  void apiChangesGoToOneWorkspaceOrToEveryone() {
    assertEquals(
        List.of("workspace:w1"), EventRouting.roomsFor(event("w1", "{}"), SocketEvent.API_CHANGES));
    for (String everyone : new String[] {null, "", " ", "*"}) {
      assertEquals(
          List.of(RoomNames.EVERYONE),
          EventRouting.roomsFor(event(everyone, "{}"), SocketEvent.API_CHANGES),
          "workspace " + everyone);
    }
  }

  @Test
  void eventTypesMapToSocketEventNames() {
    assertEquals(
        Optional.of(SocketEvent.MESSAGE_NEW),
        SocketEvent.nameFor(ConversationEvent.MESSAGE_RECEIVED));
    assertEquals(
        Optional.of(SocketEvent.MESSAGE_NEW),
        SocketEvent.nameFor(ConversationEvent.MESSAGE_OUTBOUND));
    assertEquals(
        Optional.of(SocketEvent.MESSAGE_STATUS),
        SocketEvent.nameFor(ConversationEvent.MESSAGE_STATUS));
    assertEquals(
        Optional.of(SocketEvent.CONVERSATION_UPDATED),
        SocketEvent.nameFor(ConversationEvent.CONVERSATION_UPDATED));
    assertEquals(
        Optional.of(SocketEvent.CONVERSATION_ESCALATED),
        SocketEvent.nameFor(EscalationService.CONVERSATION_ESCALATED));
    assertEquals(
        Optional.of(SocketEvent.API_CHANGES), SocketEvent.nameFor(SocketEvent.API_CHANGES_TYPE));
    assertEquals(
        Optional.empty(),
        SocketEvent.nameFor("kpi.counted"),
        "internal events are not sent to clients");
    assertEquals(Optional.empty(), SocketEvent.nameFor(null));
  }
}
