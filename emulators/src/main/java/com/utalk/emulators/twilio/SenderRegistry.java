package com.utalk.emulators.twilio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account's numbers and their webhook URLs, and the inbound messages Twilio delivered (its
 * message log).
 */
final class SenderRegistry {
  private static final int KEPT_INBOUND = 10_000;

  private final Map<String, SenderConfig> byNumber = new LinkedHashMap<>();
  private final List<InboundMessage> inbound = new ArrayList<>();

  synchronized SenderConfig register(String phoneNumber, String smsUrl) {
    Instant now = Instant.now();
    SenderConfig config =
        byNumber.containsKey(phoneNumber)
            ? byNumber.get(phoneNumber).withSmsUrl(smsUrl, "POST", now)
            : new SenderConfig(Sids.phoneNumber(), phoneNumber, smsUrl, "POST", now, now);
    byNumber.put(phoneNumber, config);
    return config;
  }

  synchronized List<SenderConfig> all() {
    return List.copyOf(byNumber.values());
  }

  synchronized Optional<SenderConfig> byNumber(String phoneNumber) {
    return Optional.ofNullable(byNumber.get(phoneNumber));
  }

  synchronized Optional<SenderConfig> bySid(String sid) {
    return byNumber.values().stream().filter(config -> config.sid().equals(sid)).findFirst();
  }

  synchronized Optional<SenderConfig> update(String sid, String smsUrl, String smsMethod) {
    return bySid(sid)
        .map(
            config -> {
              SenderConfig updated = config.withSmsUrl(smsUrl, smsMethod, Instant.now());
              byNumber.put(config.phoneNumber(), updated);
              return updated;
            });
  }

  synchronized void record(InboundMessage message) {
    inbound.add(message);
    if (inbound.size() > KEPT_INBOUND) {
      inbound.remove(0);
    }
  }

  synchronized List<InboundMessage> inbound() {
    return List.copyOf(inbound);
  }
}
