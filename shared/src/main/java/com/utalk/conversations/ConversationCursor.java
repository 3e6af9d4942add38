package com.utalk.conversations;

import com.utalk.errors.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Position in the conversation list: the last item's (lastMessageAt, id). Keyset pagination never
 * repeats or skips a conversation that did not move; one that gets a new message moves to the
 * top, where the realtime feed (or a reload) shows it.
 */
record ConversationCursor(Instant lastMessageAt, String id) {
  String encode() {
    String raw = lastMessageAt.getEpochSecond() + ":" + lastMessageAt.getNano() + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static ConversationCursor decode(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
      return new ConversationCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
    } catch (RuntimeException e) {
      throw new ValidationException("cursor", "cursor is not one this API returned");
    }
  }
}
