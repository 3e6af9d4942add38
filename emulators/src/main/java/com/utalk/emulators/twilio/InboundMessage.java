package com.utalk.emulators.twilio;

import java.time.Instant;

/**
 * A message a customer sent to one of the account's numbers, as Twilio's message log keeps it, with
 * what happened when Twilio posted it to the number's webhook ({@code webhookStatus} 0: no answer
 * at all, Twilio's error 11200).
 */
public record InboundMessage(
    String sid,
    String from,
    String to,
    String body,
    Instant receivedAt,
    String webhookUrl,
    int webhookStatus) {}
