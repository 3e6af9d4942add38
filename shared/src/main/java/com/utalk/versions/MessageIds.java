package com.utalk.versions;

import java.util.UUID;

/**
 * The versioned difference of the operations document: from v1.2 a send must carry the client's
 * {@code messageId} (a UUID v4), which makes a retried send idempotent. Clients of v1.0 and v1.1
 * did not send one; for them a missing messageId is minted here, so their sends keep working — but
 * a retry of such a send is a second message, exactly as it was in those versions. A messageId they
 * do send is used as is.
 */
public final class MessageIds {
  private MessageIds() {}

  /** The messageId to queue under; null (refused downstream with 400) only for v1.2 and later. */
  public static String forSend(ApiVersion version, String given) {
    if ((given == null || given.isBlank()) && !version.requiresMessageId()) {
      return UUID.randomUUID().toString();
    }
    return given;
  }
}
