package com.utalk.twilio;

import com.utalk.errors.ValidationException;
import com.utalk.messaging.InboundMessage;
import com.utalk.messaging.MediaRef;
import com.utalk.messaging.PhoneNumber;
import com.utalk.validation.Text;
import com.utalk.validation.TwilioSid;
import com.utalk.validation.WebUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the form fields Twilio posts for an inbound WhatsApp message. */
public final class TwilioInboundForm {
  /** WhatsApp's limit for one text message. */
  public static final int MAX_BODY_CHARS = 4096;

  /** Profile names and WhatsApp ids are short; anything longer is not Twilio. */
  public static final int MAX_SHORT_FIELD_CHARS = 256;

  /** WhatsApp allows at most 10 media per message; anything above is a forged request. */
  private static final int MAX_MEDIA = 10;

  private TwilioInboundForm() {}

  public static InboundMessage parse(Map<String, String> form) {
    String sid = TwilioSid.MESSAGE.require("MessageSid", form.get("MessageSid"));
    String accountSid = form.get("AccountSid");
    if (accountSid != null && !accountSid.isEmpty()) {
      TwilioSid.ACCOUNT.require("AccountSid", accountSid);
    }
    PhoneNumber from = phone(form, "From");
    PhoneNumber to = phone(form, "To");
    int numMedia = numMedia(form.get("NumMedia"));
    List<MediaRef> media = new ArrayList<>();
    for (int i = 0; i < numMedia; i++) {
      String url = WebUrl.require("MediaUrl" + i, form.get("MediaUrl" + i));
      String contentType =
          Text.check(
              "MediaContentType" + i, form.get("MediaContentType" + i), MAX_SHORT_FIELD_CHARS);
      media.add(new MediaRef(url, contentType));
    }
    String body = Text.check("Body", form.getOrDefault("Body", ""), MAX_BODY_CHARS);
    String profileName = Text.check("ProfileName", form.get("ProfileName"), MAX_SHORT_FIELD_CHARS);
    String waId = Text.check("WaId", form.get("WaId"), MAX_SHORT_FIELD_CHARS);
    return new InboundMessage(sid, accountSid, from, to, body, profileName, waId, media);
  }

  private static String required(Map<String, String> form, String field) {
    String value = form.get(field);
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
    return value;
  }

  private static PhoneNumber phone(Map<String, String> form, String field) {
    try {
      return PhoneNumber.parse(required(form, field));
    } catch (IllegalArgumentException e) {
      throw new ValidationException(field, field + " is not a WhatsApp address (whatsapp:+E164)");
    }
  }

  private static int numMedia(String raw) {
    if (raw == null || raw.isBlank()) {
      return 0;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < 0 || value > MAX_MEDIA) {
        throw new ValidationException("NumMedia", "NumMedia must be between 0 and " + MAX_MEDIA);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ValidationException("NumMedia", "NumMedia must be a number");
    }
  }
}
