package com.utalk.conversations;

import com.utalk.auth.Permission;
import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Principal;
import com.utalk.messaging.Author;
import com.utalk.messaging.MessageView;
import com.utalk.messaging.OutboundMessageService;
import com.utalk.messaging.OutboundRequest;
import com.utalk.messaging.QueueResult;

/**
 * An agent's reply through the REST API. Queueing, idempotency by the client's messageId, the ASA
 * reply time and the hand-off to {@code outbound-messages} are the messaging service's; this adds
 * who may send and as whom. The messaging service refuses a conversation of another workspace with
 * the same 404 as a missing one.
 */
public final class AgentMessages {
  private final OutboundMessageService outbound;
  private final PermissionPolicy policy;

  public AgentMessages(OutboundMessageService outbound, PermissionPolicy policy) {
    this.outbound = outbound;
    this.policy = policy;
  }

  /** The queued message; {@code created} is false when this messageId had been sent before. */
  public record Sent(MessageView message, boolean created) {}

  /**
   * {@code mediaIds} are uploads ({@code POST /api/media/uploads}); the sender refuses any not
   * stored yet.
   */
  public Sent send(
      Principal sender,
      String conversationId,
      String messageId,
      String body,
      java.util.List<String> mediaIds,
      String requestId) {
    policy.check(sender, Permission.MESSAGES_SEND);
    if (mediaIds.size() > 10) {
      throw new com.utalk.errors.ValidationException(
          "mediaIds", "at most 10 media per WhatsApp message");
    }
    QueueResult result =
        outbound.queue(
            new OutboundRequest(
                sender.workspaceId(),
                conversationId,
                messageId,
                body,
                mediaIds,
                Author.agent(sender.uid()),
                null),
            requestId);
    return new Sent(MessageView.of(result.message()), result.created());
  }
}
