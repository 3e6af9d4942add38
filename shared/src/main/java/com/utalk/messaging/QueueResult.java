package com.utalk.messaging;

/** The queued message; {@code created} is false when the same messageId had been queued before. */
public record QueueResult(Message message, boolean created) {}
