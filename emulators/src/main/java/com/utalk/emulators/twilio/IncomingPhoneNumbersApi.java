package com.utalk.emulators.twilio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.utalk.emulators.http.FormEncoding;
import com.utalk.emulators.http.HttpExchanges;
import com.utalk.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's IncomingPhoneNumbers resource as the SDK calls it: list (optionally {@code
 * PhoneNumber=+1…}), fetch and update ({@code SmsUrl}, {@code SmsMethod}) of a number, so the "No
 * llegan mensajes de WhatsApp" runbook reads and repairs the webhook URL exactly as it would on a
 * real account.
 */
final class IncomingPhoneNumbersApi implements HttpHandler {
  private static final Pattern LIST =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/IncomingPhoneNumbers\\.json");
  private static final Pattern ONE =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/IncomingPhoneNumbers/(PN[0-9a-f]{32})\\.json");

  private final java.util.function.Supplier<TwilioAccount> account;
  private final SenderRegistry senders;

  IncomingPhoneNumbersApi(
      java.util.function.Supplier<TwilioAccount> account, SenderRegistry senders) {
    this.account = account;
    this.senders = senders;
  }

  /** True when {@code path} is this resource's. */
  static boolean handles(String path) {
    return LIST.matcher(path).matches() || ONE.matcher(path).matches();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Matcher list = LIST.matcher(path);
    Matcher one = ONE.matcher(path);
    String accountSid = list.matches() ? list.group(1) : one.matches() ? one.group(1) : null;
    Optional<TwilioError> denied =
        MessagesApi.authorize(exchange, account.get(), accountSid == null ? "" : accountSid);
    if (denied.isPresent()) {
      MessagesApi.fail(exchange, denied.get());
      return;
    }
    String method = exchange.getRequestMethod();
    if (list.matches() && method.equals("GET")) {
      Map<String, List<String>> query =
          FormEncoding.parse(
              Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
      String number =
          Optional.ofNullable(query.get("PhoneNumber")).map(values -> values.get(0)).orElse(null);
      ArrayNode items = Json.mapper().createArrayNode();
      senders.all().stream()
          .filter(config -> number == null || number.equals(config.phoneNumber()))
          .forEach(config -> items.add(json(config)));
      HttpExchanges.sendJson(
          exchange,
          200,
          MessageJson.page(
              "incoming_phone_numbers",
              "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers.json",
              items,
              50));
    } else if (one.matches() && method.equals("GET")) {
      respond(exchange, senders.bySid(one.group(2)));
    } else if (one.matches() && method.equals("POST")) {
      Map<String, String> form =
          FormEncoding.firstValues(FormEncoding.parse(HttpExchanges.readBodyText(exchange)));
      Optional<SenderConfig> current = senders.bySid(one.group(2));
      String url = form.getOrDefault("SmsUrl", current.map(SenderConfig::smsUrl).orElse(null));
      respond(exchange, senders.update(one.group(2), url, form.get("SmsMethod")));
    } else {
      MessagesApi.fail(exchange, TwilioError.notFound(path));
    }
  }

  private void respond(HttpExchange exchange, Optional<SenderConfig> config) throws IOException {
    if (config.isEmpty()) {
      MessagesApi.fail(exchange, TwilioError.notFound(exchange.getRequestURI().getPath()));
      return;
    }
    HttpExchanges.sendJson(exchange, 200, json(config.get()));
  }

  private ObjectNode json(SenderConfig config) {
    ObjectNode json = Json.object();
    json.put("account_sid", account.get().accountSid());
    json.put("api_version", "2010-04-01");
    json.put("date_created", MessageJson.RFC_2822.format(config.dateCreated()));
    json.put("date_updated", MessageJson.RFC_2822.format(config.dateUpdated()));
    json.put("friendly_name", config.phoneNumber());
    json.put("phone_number", config.phoneNumber());
    json.put("sid", config.sid());
    json.put("sms_method", config.smsMethod());
    json.put("sms_url", config.smsUrl());
    json.put("status", "in-use");
    json.put(
        "uri",
        "/2010-04-01/Accounts/"
            + account.get().accountSid()
            + "/IncomingPhoneNumbers/"
            + config.sid()
            + ".json");
    return json;
  }
}
