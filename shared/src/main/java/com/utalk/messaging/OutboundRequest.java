package com.utalk.messaging;

import com.utalk.errors.ValidationException;
import com.utalk.validation.DocumentId;
import com.utalk.validation.Text;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A request to send a WhatsApp message in a conversation. {@code messageId} is the client's UUID v4
 * (required since API v1.2.0): it is the message's id, so repeating the request is harmless. {@code
 * botResponseTime} is set for bot replies (the TMO KPI).
 */
public record OutboundRequest(
    String workspaceId,
    String conversationId,
    String messageId,
    String body,
    List<String> mediaIds,
    Author author,
    Long botResponseTime) {
  /** WhatsApp's limit for one text message. */
  public static final int MAX_BODY_CHARS = 4096;

  private static final Pattern UUID_V4 =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");

  public OutboundRequest {
    mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
  }

  /** Checks the fields a client controls; throws {@link ValidationException} naming the field. */
  public OutboundRequest validated() {
    if (messageId == null || messageId.isBlank()) {
      throw new ValidationException(
          "messageId",
          "messageId is required (a UUID v4 chosen by the client; required since API v1.2.0)");
    }
    if (!UUID_V4.matcher(messageId).matches()) {
      throw new ValidationException("messageId", "messageId must be a UUID v4");
    }
    DocumentId.require("conversationId", conversationId);
    mediaIds.forEach(id -> DocumentId.require("mediaIds", id));
    Text.check("body", body, MAX_BODY_CHARS);
    boolean noBody = body == null || body.isBlank();
    if (noBody && mediaIds.isEmpty()) {
      throw new ValidationException("body", "body is required when no media is attached");
    }
    if (body != null && body.length() > MAX_BODY_CHARS) {
      throw new ValidationException("body", "body exceeds " + MAX_BODY_CHARS + " characters");
    }
    return this;
  }

  public static boolean isUuidV4(String value) {
    return value != null && UUID_V4.matcher(value).matches();
  }
}
