package com.utalk.functions.media;

import com.utalk.auth.Permission;
import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Role;
import com.utalk.bot.Actor;
import com.utalk.functions.api.Access;
import com.utalk.functions.api.ApiRequest;
import com.utalk.functions.api.Reply;
import com.utalk.functions.api.Route;
import com.utalk.functions.wiring.Backend;
import com.utalk.media.ConversationAccess;
import com.utalk.media.MediaStore;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * /api/media/**: signed media URLs, the runbook's regenerate-urls, and upload tickets. Thin
 * adapters over {@link MediaHandlers}; who may see a conversation's media is the router's
 * permission policy ({@link #conversationAccess}).
 */
public final class MediaRoutes {
  private final Supplier<MediaHandlers> handlers;

  public MediaRoutes(Supplier<MediaHandlers> handlers) {
    this.handlers = handlers;
  }

  /**
   * The handlers over the configured store (built on the first media request: the store may need
   * cloud clients).
   */
  public static MediaHandlers handlers(Backend backend, PermissionPolicy policy) {
    MediaStore store = MediaWiring.store(backend);
    ConversationAccess access = conversationAccess(policy);
    return new MediaHandlers(
        MediaWiring.urls(backend, store, access), MediaWiring.uploads(backend, store, access));
  }

  /**
   * A conversation's media is visible to whoever may read the conversation itself (its messages say
   * the same thing): same workspace, and a role holding CONVERSATIONS_READ.
   */
  public static ConversationAccess conversationAccess(PermissionPolicy policy) {
    return (actor, conversation) ->
        actor.workspaceId().equals(conversation.workspaceId())
            && Role.find(actor.role())
                .map(role -> policy.allows(role, Permission.CONVERSATIONS_READ))
                .orElse(false);
  }

  public List<Route> routes() {
    return List.of(
        // the per-conversation check runs in the service, through conversationAccess
        Route.get("/api/media/{id}", Access.requires(Permission.CONVERSATIONS_READ), this::get),
        Route.post(
            "/api/media/regenerate-urls",
            Access.requires(Permission.MEDIA_REGENERATE_URLS),
            this::regenerate),
        // an upload is the first half of sending a message with an attachment
        Route.post("/api/media/uploads", Access.requires(Permission.MESSAGES_SEND), this::upload));
  }

  private Reply get(ApiRequest request) {
    return Reply.ok(handlers.get().get(Actor.of(request.principal()), request.path("id")));
  }

  private Reply regenerate(ApiRequest request) throws IOException {
    ApiRequest.JsonBody body = request.jsonIfPresent();
    return Reply.ok(
        handlers
            .get()
            .regenerate(
                Actor.of(request.principal()),
                body == null ? null : body.node(),
                request.requestId()));
  }

  private Reply upload(ApiRequest request) throws IOException {
    return Reply.created(
        handlers.get().upload(Actor.of(request.principal()), request.json().node()));
  }
}
