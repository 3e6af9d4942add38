package com.utalk.realtime.delivery;

/**
 * The answer to a {@code sync:since} for one conversation. {@code complete} is false when more
 * events were missed than one replay returns ({@link EventLog#MAX_REPLAY}): the client should
 * reload the conversation over REST.
 */
public record SyncResult(
    String conversationId, long fromSeq, int replayed, long lastSeq, boolean complete) {}
