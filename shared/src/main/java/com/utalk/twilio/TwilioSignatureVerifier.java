package com.utalk.twilio;

import com.twilio.security.RequestValidator;
import com.utalk.errors.ForbiddenException;
import java.util.Map;

/**
 * Checks X-Twilio-Signature with the SDK's own validator. The URL is the public one Twilio called
 * (configured base URL + path), because behind a load balancer the Host header differs.
 */
public final class TwilioSignatureVerifier {
  private final RequestValidator validator;
  private final String publicBaseUrl;

  public TwilioSignatureVerifier(String authToken, String publicBaseUrl) {
    this.validator = new RequestValidator(authToken);
    this.publicBaseUrl =
        publicBaseUrl.endsWith("/")
            ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
            : publicBaseUrl;
  }

  public String publicUrl(String pathAndQuery) {
    return publicBaseUrl + pathAndQuery;
  }

  /** Throws 403 {@code invalid_signature} unless the signature matches. */
  public void verify(String pathAndQuery, Map<String, String> formFields, String signature) {
    if (signature == null || signature.isBlank()) {
      throw new ForbiddenException("invalid_signature", "X-Twilio-Signature is missing");
    }
    if (!validator.validate(publicUrl(pathAndQuery), formFields, signature)) {
      throw new ForbiddenException(
          "invalid_signature", "X-Twilio-Signature does not match the request");
    }
  }
}
