package com.utalk.messaging;

/** A delivery status reported by Twilio for one of our outbound messages. */
public record StatusReport(
    String messageSid, MessageStatus status, String errorCode, String errorMessage) {}
