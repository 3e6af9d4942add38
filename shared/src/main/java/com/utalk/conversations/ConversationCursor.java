package com.utalk.conversations;

import com.utalk.errors.ValidationException;
import com.utalk.validation.DocumentId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Position in the conversation list: the last item's (lastMessageAt, id). Keyset pagination never
 * repeats or skips a conversation that did not move; one that gets a new message moves to the top,
 * where the realtime feed (or a reload) shows it. A cursor is decoded fully or refused: the id must
 * be a document id, the time inside Firestore's range, and the text exactly what {@link #encode}
 * would write (so no two spellings of one position exist).
 */
record ConversationCursor(Instant lastMessageAt, String id) {
  private static final int MAX_CHARS = 400;

  String encode() {
    String raw = lastMessageAt.getEpochSecond() + ":" + lastMessageAt.getNano() + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static ConversationCursor decode(String cursor) {
    ConversationCursor decoded;
    try {
      if (cursor.length() > MAX_CHARS) {
        throw new IllegalArgumentException("too long");
      }
      String text =
          com.utalk.validation.StrictUtf8.decode(Base64.getUrlDecoder().decode(cursor), "cursor");
      String[] parts = text.split(":", 3);
      long seconds = Long.parseLong(parts[0]);
      int nanos = Integer.parseInt(parts[1]);
      if (nanos < 0 || nanos > 999_999_999) {
        throw new IllegalArgumentException("nanos out of range");
      }
      decoded = new ConversationCursor(Instant.ofEpochSecond(seconds, nanos), parts[2]);
    } catch (RuntimeException e) {
      throw refused();
    }
    if (!com.utalk.validation.Instants.storable(decoded.lastMessageAt)
        || !DocumentId.isValid(decoded.id)
        || !decoded.encode().equals(cursor)) {
      throw refused();
    }
    return decoded;
  }

  private static ValidationException refused() {
    return new ValidationException("cursor", "cursor is not one this API returned");
  }
}
