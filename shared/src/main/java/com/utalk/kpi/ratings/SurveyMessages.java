package com.utalk.kpi.ratings;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The message id of a survey question is derived from the conversation and the question, so a
 * repeated trigger queues the same message again, which the outbound service treats as a repeat.
 */
public final class SurveyMessages {
  private SurveyMessages() {}

  /** A UUID v4-shaped id (the API requires v4) made deterministic from a SHA-256 of the seed. */
  public static String messageId(String conversationId, RatingKind kind) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("survey:" + conversationId + ":" + kind.wire())
                      .getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x40);
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
      ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(buffer.getLong(), buffer.getLong()).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
