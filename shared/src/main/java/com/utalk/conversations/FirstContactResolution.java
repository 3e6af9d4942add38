package com.utalk.conversations;

import com.utalk.messaging.Conversation;

/**
 * The rule behind {@code resolvedInFirstContact} (the FCR KPI counts closed conversations with it
 * set): a conversation is resolved in first contact when it is closed and has never been reopened.
 * Reopening sets the flag to false, and it stays false through later closes. A customer writing
 * again after a close starts a new conversation, which is judged on its own.
 */
final class FirstContactResolution {
  private FirstContactResolution() {}

  static boolean atClose(Conversation conversation) {
    return !Boolean.FALSE.equals(conversation.resolvedInFirstContact());
  }
}
