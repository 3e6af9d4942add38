package com.utalk.emulators.twilio;

import java.time.Instant;

/**
 * One of the account's numbers as Twilio's IncomingPhoneNumbers resource keeps it: where Twilio
 * posts the messages customers send to it ({@code smsUrl}). On a real account this is set in the
 * console (or the Messaging Service / WhatsApp sender); when it points elsewhere, no webhook
 * arrives, and when it names another host than PUBLIC_BASE_URL, every webhook fails its signature.
 */
public record SenderConfig(
    String sid,
    String phoneNumber,
    String smsUrl,
    String smsMethod,
    Instant dateCreated,
    Instant dateUpdated) {
  SenderConfig withSmsUrl(String url, String method, Instant now) {
    return new SenderConfig(
        sid, phoneNumber, url, method == null ? smsMethod : method, dateCreated, now);
  }
}
