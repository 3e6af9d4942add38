package com.utalk.functions.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.bot.Actor;
import com.utalk.errors.ValidationException;
import com.utalk.media.MediaUploadService;
import com.utalk.media.MediaUrlService;
import com.utalk.validation.Instants;
import java.time.Instant;

/**
 * The media REST endpoints as plain handlers (the API router parses, authenticates and renders):
 * {@code GET /api/media/{id}} → {@code {url, expiresAt, ...}}; {@code POST
 * /api/media/regenerate-urls} (admins) {@code {conversationId?, from?, to?}} → {@code {regenerated,
 * truncated, expiresAt}}; {@code POST /api/media/uploads} {@code {conversationId, contentType,
 * size}} → the upload ticket.
 */
public final class MediaHandlers {
  private final MediaUrlService urls;
  private final MediaUploadService uploads;

  public MediaHandlers(MediaUrlService urls, MediaUploadService uploads) {
    this.urls = urls;
    this.uploads = uploads;
  }

  public MediaUrlService.MediaUrl get(Actor actor, String mediaId) {
    return urls.signedUrl(actor, mediaId);
  }

  public MediaUrlService.RegenerateResult regenerate(Actor actor, JsonNode body, String requestId) {
    actor.requireAdmin();
    JsonNode input = body == null ? com.utalk.json.Json.object() : body;
    return urls.regenerate(
        actor,
        new MediaUrlService.RegenerateRequest(
            text(input, "conversationId"), instant(input, "from"), instant(input, "to")),
        requestId);
  }

  public MediaUploadService.UploadTicket upload(Actor actor, JsonNode body) {
    // 1.5 or "12" is not a size: refused rather than truncated or converted
    if (body == null
        || !body.path("size").isIntegralNumber()
        || !body.path("size").canConvertToLong()) {
      throw new ValidationException("size", "size (a whole number of bytes) is required");
    }
    return uploads.create(
        actor,
        new MediaUploadService.UploadRequest(
            text(body, "conversationId"), text(body, "contentType"), body.path("size").asLong()));
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ValidationException(field, field + " must be a string");
    }
    return value.textValue();
  }

  private static Instant instant(JsonNode body, String field) {
    return Instants.parse(field, text(body, field));
  }
}
