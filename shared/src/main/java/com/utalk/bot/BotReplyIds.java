package com.utalk.bot;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of the bot's reply to an inbound message, derived from that message's id. A redelivered
 * event computes the same id, and the outbound path stores a message id once, so the customer never
 * gets two bot replies to one message. The name-based UUID gets version 4 so that it passes the
 * outbound path's UUID v4 check like any client-chosen id.
 */
public final class BotReplyIds {
  private BotReplyIds() {}

  public static String forInbound(String inboundMessageId) {
    UUID named =
        UUID.nameUUIDFromBytes(("bot-reply:" + inboundMessageId).getBytes(StandardCharsets.UTF_8));
    long versionFour = (named.getMostSignificantBits() & ~0xF000L) | 0x4000L;
    return new UUID(versionFour, named.getLeastSignificantBits()).toString();
  }
}
