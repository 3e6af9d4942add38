package com.utalk.bot;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.messaging.Author;
import com.utalk.messaging.Message;
import com.utalk.messaging.MessageDocument;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import java.util.ArrayList;
import java.util.List;

/**
 * The last messages of a conversation up to the one being answered, as model turns. Needs the
 * composite index {@code messages(conversationId ASC, seq DESC)} in Firestore.
 */
final class ConversationHistory {
  private final Firestore firestore;

  ConversationHistory(Firestore firestore) {
    this.firestore = firestore;
  }

  List<ChatModel.Turn> upTo(String conversationId, long seq, int limit) {
    List<QueryDocumentSnapshot> documents =
        FirestoreCalls.await(
                firestore
                    .collection(Collections.MESSAGES)
                    .whereEqualTo("conversationId", conversationId)
                    .whereLessThanOrEqualTo("seq", seq)
                    .orderBy("seq", Query.Direction.DESCENDING)
                    .limit(limit)
                    .get())
            .getDocuments();
    List<ChatModel.Turn> turns = new ArrayList<>();
    for (QueryDocumentSnapshot document : documents) {
      Message message = MessageDocument.fromSnapshot(document);
      String text = textOf(message);
      if (text != null) {
        ChatModel.Speaker speaker =
            message.author().kind() == Author.Kind.CUSTOMER
                ? ChatModel.Speaker.CUSTOMER
                : ChatModel.Speaker.ASSISTANT;
        turns.add(new ChatModel.Turn(speaker, text));
      }
    }
    java.util.Collections.reverse(turns);
    return turns;
  }

  /** Attachments are described, not sent: the model only needs to know one arrived. */
  static String textOf(Message message) {
    String body = message.body() == null ? "" : message.body().trim();
    if (message.hasMedia()) {
      String note =
          "[sent "
              + Math.max(message.media().size(), message.mediaIds().size())
              + " attachment(s)]";
      return body.isEmpty() ? note : body + "\n" + note;
    }
    return body.isEmpty() ? null : body;
  }
}
