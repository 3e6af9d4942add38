package com.utalk.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.errors.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an agent's send must carry: the client's UUID v4 (the idempotency key since API v1.2), a
 * valid conversation, and a body or media within WhatsApp's 4096 characters — each refusal a 400
 * naming its field.
 */
class OutboundRequestTest {
  private static final String ID = "3f1c2a4e-8b7d-4c6a-9e2f-1a2b3c4d5e6f";

  private static OutboundRequest request(String messageId, String body, List<String> media) {
    return new OutboundRequest("ws-1", "conv-1", messageId, body, media, null, null);
  }

  private static ValidationException refused(OutboundRequest request) {
    return assertThrows(ValidationException.class, request::validated);
  }

  @Test
  void aTextOrAMediaOnlyMessageIsValid() {
    assertEquals("hola", request(ID, "hola", null).validated().body());
    assertEquals(List.of("media-1"), request(ID, null, List.of("media-1")).validated().mediaIds());
    assertEquals(
        4096, request(ID, "x".repeat(4096), null).validated().body().length(), "the limit itself");
  }

  @Test
  void theClientsMessageIdIsRequiredAndAUuidV4() {
    assertEquals("messageId", refused(request(null, "hola", null)).field());
    assertEquals("messageId", refused(request(" ", "hola", null)).field());
    ValidationException v1 = refused(request("3f1c2a4e-8b7d-1c6a-9e2f-1a2b3c4d5e6f", "hola", null));
    assertEquals("messageId must be a UUID v4", v1.getMessage());
    assertTrue(OutboundRequest.isUuidV4(ID));
    assertFalse(OutboundRequest.isUuidV4(null));
    assertFalse(OutboundRequest.isUuidV4("message-1"));
  }

  @Test
  void aMessageNeedsABodyOrMediaAndTheBodyFitsWhatsApp() {
    assertEquals(
        "body is required when no media is attached",
        refused(request(ID, "   ", List.of())).getMessage());
    assertEquals("body", refused(request(ID, "x".repeat(4097), null)).field());
  }

  @Test
  void conversationAndMediaIdsMustBeDocumentIds() {
    assertEquals(
        "conversationId",
        refused(new OutboundRequest("ws-1", "a/b", ID, "hola", null, null, null)).field());
    assertEquals("mediaIds", refused(request(ID, null, List.of("../etc"))).field());
  }
}
