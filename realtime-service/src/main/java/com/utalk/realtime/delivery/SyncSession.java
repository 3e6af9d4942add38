package com.utalk.realtime.delivery;

import com.utalk.events.ConversationEvent;
import com.utalk.realtime.session.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * One socket catching up on one conversation: while its missed events are read from Firestore, the
 * live ones meant for it wait here, so it receives the missed ones first and nothing twice. Guarded
 * by the fan-out's lock for the conversation.
 */
final class SyncSession {
  final Connection connection;
  final String conversationId;
  private final List<ConversationEvent> held = new ArrayList<>();

  SyncSession(Connection connection, String conversationId) {
    this.connection = connection;
    this.conversationId = conversationId;
  }

  void hold(ConversationEvent event) {
    held.add(event);
  }

  List<ConversationEvent> held() {
    return held;
  }
}
