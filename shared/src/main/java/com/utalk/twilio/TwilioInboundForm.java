package com.utalk.twilio;

import com.utalk.errors.ValidationException;
import com.utalk.messaging.InboundMessage;
import com.utalk.messaging.MediaRef;
import com.utalk.messaging.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the form fields Twilio posts for an inbound WhatsApp message. */
public final class TwilioInboundForm {
  private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM|IM)[0-9a-fA-F]{32}");
  /** WhatsApp allows at most 10 media per message; anything above is a forged request. */
  private static final int MAX_MEDIA = 10;

  private TwilioInboundForm() {}

  public static InboundMessage parse(Map<String, String> form) {
    String sid = required(form, "MessageSid");
    if (!MESSAGE_SID.matcher(sid).matches()) {
      throw new ValidationException("MessageSid", "MessageSid is not a Twilio message SID");
    }
    PhoneNumber from = phone(form, "From");
    PhoneNumber to = phone(form, "To");
    int numMedia = numMedia(form.get("NumMedia"));
    List<MediaRef> media = new ArrayList<>();
    for (int i = 0; i < numMedia; i++) {
      String url = required(form, "MediaUrl" + i);
      media.add(new MediaRef(url, form.get("MediaContentType" + i)));
    }
    return new InboundMessage(
        sid, form.get("AccountSid"), from, to, form.getOrDefault("Body", ""), form.get("ProfileName"), form.get("WaId"), media);
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
