package com.utalk.messaging;

/** A media attachment as Twilio announced it on the webhook (MediaUrlN / MediaContentTypeN). */
public record MediaRef(String url, String contentType) {}
