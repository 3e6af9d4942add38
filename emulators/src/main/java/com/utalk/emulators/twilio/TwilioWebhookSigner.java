package com.utalk.emulators.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code X-Twilio-Signature} the way Twilio does for webhooks it sends: HMAC-SHA1, keyed
 * with the account's auth token, over the full URL followed by every POST parameter's name and
 * value, parameters sorted by name; base64 encoded. The SDK's {@code RequestValidator} accepts it.
 */
public final class TwilioWebhookSigner {
  public static final String HEADER = "X-Twilio-Signature";
  private static final String HMAC_SHA1 = "HmacSHA1";

  private final SecretKeySpec key;

  public TwilioWebhookSigner(String authToken) {
    this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1);
  }

  /** {@code url} exactly as the receiver will reconstruct it (scheme, host, port, path, query). */
  public String sign(String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    // TreeMap's natural String order is the ordinal sort Twilio specifies (case-sensitive).
    new TreeMap<>(params)
        .forEach((name, value) -> data.append(name).append(value == null ? "" : value));
    try {
      Mac mac = Mac.getInstance(HMAC_SHA1);
      mac.init(key);
      byte[] digest = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is unavailable in this JVM", e);
    }
  }
}
