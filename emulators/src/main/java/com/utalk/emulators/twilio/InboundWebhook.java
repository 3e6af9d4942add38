package com.utalk.emulators.twilio;

import com.utalk.messaging.PhoneNumber;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form Twilio POSTs to our WhatsApp webhook when a customer writes to us, field for field as
 * Twilio sends it (text, or one media item), plus its signature for a given public URL.
 */
public record InboundWebhook(
    TwilioAccount account,
    String messageSid,
    PhoneNumber from,
    PhoneNumber to,
    String body,
    String profileName,
    String mediaUrl,
    String mediaContentType,
    String messagingServiceSid) {

  /** The webhook path Twilio is configured to call (behind PUBLIC_BASE_URL). */
  public static final String PATH = "/webhooks/twilio/whatsapp";

  public static InboundWebhook text(
      TwilioAccount account, PhoneNumber from, PhoneNumber to, String body) {
    return new InboundWebhook(
        account, Sids.message(), from, to, body, "Local Tester", null, null, null);
  }

  public InboundWebhook withMedia(String url, String contentType) {
    return new InboundWebhook(
        account, messageSid, from, to, body, profileName, url, contentType, messagingServiceSid);
  }

  public InboundWebhook withMessagingServiceSid(String sid) {
    return new InboundWebhook(
        account, messageSid, from, to, body, profileName, mediaUrl, mediaContentType, sid);
  }

  public InboundWebhook withProfileName(String name) {
    return new InboundWebhook(
        account, messageSid, from, to, body, name, mediaUrl, mediaContentType, messagingServiceSid);
  }

  /** Twilio's field order, for readability of captured requests (the signature sorts anyway). */
  public Map<String, String> params() {
    boolean hasMedia = mediaUrl != null;
    Map<String, String> params = new LinkedHashMap<>();
    if (hasMedia) {
      params.put(
          "MediaContentType0",
          mediaContentType == null ? "application/octet-stream" : mediaContentType);
    }
    params.put("SmsMessageSid", messageSid);
    params.put("NumMedia", hasMedia ? "1" : "0");
    params.put("ProfileName", profileName);
    params.put("MessageType", hasMedia ? mediaKind(mediaContentType) : "text");
    params.put("SmsSid", messageSid);
    params.put("WaId", from.digits());
    params.put("SmsStatus", "received");
    params.put("Body", body == null ? "" : body);
    params.put("To", to.whatsappAddress());
    if (messagingServiceSid != null) {
      params.put("MessagingServiceSid", messagingServiceSid);
    }
    params.put("NumSegments", "1");
    params.put("ReferralNumMedia", "0");
    params.put("MessageSid", messageSid);
    params.put("AccountSid", account.accountSid());
    params.put("From", from.whatsappAddress());
    if (hasMedia) {
      params.put("MediaUrl0", mediaUrl);
    }
    params.put("ApiVersion", "2010-04-01");
    return params;
  }

  /** The X-Twilio-Signature Twilio would send when posting to {@code publicBaseUrl + PATH}. */
  public String signature(String publicBaseUrl) {
    return account.signer().sign(publicUrl(publicBaseUrl), params());
  }

  public static String publicUrl(String publicBaseUrl) {
    return publicBaseUrl.replaceAll("/+$", "") + PATH;
  }

  /** WhatsApp's MessageType for a media item: image, video, audio or document. */
  private static String mediaKind(String contentType) {
    if (contentType == null) {
      return "document";
    }
    for (String kind : new String[] {"image", "video", "audio"}) {
      if (contentType.startsWith(kind + "/")) {
        return kind;
      }
    }
    return "document";
  }
}
