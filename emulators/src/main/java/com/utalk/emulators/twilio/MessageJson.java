package com.utalk.emulators.twilio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.utalk.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Twilio's Message resource JSON (snake_case, RFC 2822 dates, counts as strings), which the SDK's
 * {@code com.twilio.rest.api.v2010.account.Message} parses.
 */
final class MessageJson {
  /** Twilio's date format, e.g. "Wed, 18 Aug 2010 20:01:40 +0000" (the SDK parses exactly this). */
  static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);

  private MessageJson() {}

  static ObjectNode of(SentMessage message, MessageLedger.MessageState state, Instant updatedAt) {
    String uri = "/2010-04-01/Accounts/" + message.accountSid() + "/Messages/" + message.sid();
    ObjectNode json = Json.object();
    json.put("account_sid", message.accountSid());
    json.put("api_version", "2010-04-01");
    json.put("body", message.body() == null ? "" : message.body());
    json.put("date_created", RFC_2822.format(message.createdAt()));
    json.put("date_updated", RFC_2822.format(updatedAt));
    if ("queued".equals(state.status()) || "accepted".equals(state.status())) {
      json.putNull("date_sent");
    } else {
      json.put("date_sent", RFC_2822.format(updatedAt));
    }
    json.put("direction", "outbound-api");
    if (state.errorCode() == null) {
      json.putNull("error_code");
    } else {
      json.put("error_code", state.errorCode());
    }
    json.put("error_message", state.errorMessage());
    json.put("from", message.from());
    json.put("messaging_service_sid", message.messagingServiceSid());
    json.put("num_media", Integer.toString(message.mediaUrls().size()));
    json.put("num_segments", "1");
    json.putNull("price");
    json.put("price_unit", "USD");
    json.put("sid", message.sid());
    json.put("status", state.status());
    ObjectNode subresources = json.putObject("subresource_uris");
    subresources.put("media", uri + "/Media.json");
    subresources.put("feedback", uri + "/Feedback.json");
    json.put("to", message.to());
    json.put("uri", uri + ".json");
    return json;
  }

  /** A received message of the log: direction inbound, status received. */
  static ObjectNode inbound(String accountSid, InboundMessage message) {
    String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + message.sid();
    ObjectNode json = Json.object();
    json.put("account_sid", accountSid);
    json.put("api_version", "2010-04-01");
    json.put("body", message.body() == null ? "" : message.body());
    json.put("date_created", RFC_2822.format(message.receivedAt()));
    json.put("date_updated", RFC_2822.format(message.receivedAt()));
    json.put("date_sent", RFC_2822.format(message.receivedAt()));
    json.put("direction", "inbound");
    if (message.webhookStatus() / 100 == 2) {
      json.putNull("error_code");
      json.putNull("error_message");
    } else {
      // Twilio's debugger codes: 11200 no answer / HTTP retrieval failure, 11205 connection failure
      json.put("error_code", 11200);
      json.put(
          "error_message",
          "HTTP retrieval failure: the webhook answered " + message.webhookStatus());
    }
    json.put("from", message.from());
    json.put("num_media", "0");
    json.put("num_segments", "1");
    json.put("sid", message.sid());
    json.put("status", "received");
    json.put("to", message.to());
    json.put("uri", uri + ".json");
    return json;
  }

  /** One page of a 2010-04-01 list resource, with the paging fields the SDK reads. */
  static ObjectNode page(
      String key, String uri, com.fasterxml.jackson.databind.node.ArrayNode items, int pageSize) {
    ObjectNode page = Json.object();
    page.set(key, items);
    page.put("first_page_uri", uri + "?PageSize=" + pageSize + "&Page=0");
    page.putNull("next_page_uri");
    page.putNull("previous_page_uri");
    page.put("page", 0);
    page.put("page_size", pageSize);
    page.put("start", 0);
    page.put("end", Math.max(0, items.size() - 1));
    page.put("uri", uri + "?PageSize=" + pageSize + "&Page=0");
    return page;
  }
}
