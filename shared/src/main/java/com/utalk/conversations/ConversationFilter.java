package com.utalk.conversations;

import com.utalk.messaging.ConversationStatus;

/** Optional equality filters of the conversation list; null means "any". */
public record ConversationFilter(ConversationStatus status, Boolean botEnabled, String assignedTo) {
  public static ConversationFilter none() {
    return new ConversationFilter(null, null, null);
  }
}
