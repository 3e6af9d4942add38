package com.utalk.emulators.twilio;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A send the stand-in accepted (answered 201). {@code params} is the raw form, for assertions on
 * fields this record does not name (ContentSid, ContentVariables, ...).
 */
public record SentMessage(
    String sid,
    String accountSid,
    String to,
    String from,
    String messagingServiceSid,
    String body,
    List<String> mediaUrls,
    String statusCallback,
    Instant createdAt,
    Map<String, List<String>> params) {
  public SentMessage {
    mediaUrls = List.copyOf(mediaUrls);
    params =
        params.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> List.copyOf(e.getValue())));
  }
}
