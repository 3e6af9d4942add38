package com.utalk.messaging;

import java.util.List;

/** Sends one WhatsApp message through the provider and returns its id and first status. */
public interface WhatsAppSender {
  Sent send(Outgoing message) throws SendFailedException;

  record Outgoing(
      PhoneNumber to,
      PhoneNumber from,
      String body,
      List<String> mediaUrls,
      String statusCallbackUrl) {
    public Outgoing {
      mediaUrls = List.copyOf(mediaUrls);
    }
  }

  record Sent(String messageSid, String providerStatus) {}

  /**
   * The provider refused or could not be reached; {@code transientFailure} says whether a retry may
   * help.
   */
  final class SendFailedException extends Exception {
    private final boolean transientFailure;
    private final String code;

    public SendFailedException(
        boolean transientFailure, String code, String message, Throwable cause) {
      super(message, cause);
      this.transientFailure = transientFailure;
      this.code = code;
    }

    public boolean isTransient() {
      return transientFailure;
    }

    public String code() {
      return code;
    }
  }
}
