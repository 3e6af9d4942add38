package com.utalk.media;

import com.utalk.bot.Actor;
import com.utalk.messaging.Conversation;

/**
 * Who may see a conversation's media: the permission check hook of the media endpoints. The API
 * router plugs in its permission policy; {@link #DEFAULT} is the rule until then: admins and
 * supervisors see every conversation of their workspace, agents the ones assigned to them and the
 * unassigned ones (the queue they pick from). Other workspaces never reach this check (404).
 */
@FunctionalInterface
public interface ConversationAccess {
  boolean maySee(Actor actor, Conversation conversation);

  ConversationAccess DEFAULT =
      (actor, conversation) ->
          actor.workspaceId().equals(conversation.workspaceId())
              && (actor.seesWholeWorkspace()
                  || conversation.assignedAgentId() == null
                  || actor.userId().equals(conversation.assignedAgentId()));
}
