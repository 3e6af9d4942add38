package com.utalk.emulators.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.utalk.emulators.http.FormEncoding;
import com.utalk.emulators.http.HttpExchanges;
import com.utalk.logging.Log;
import com.utalk.messaging.PhoneNumber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's Messages resource, as much of it as the backend uses: create (POST Messages.json) and
 * fetch (GET Messages/{Sid}.json), with Twilio's authentication and validation errors.
 */
final class MessagesApi implements HttpHandler {
  private static final Log LOG = Log.get(MessagesApi.class);
  private static final Pattern CREATE =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
  private static final Pattern FETCH =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)\\.json");
  private static final String WHATSAPP = "whatsapp:";
  private static final int MAX_BODY = 1600;

  /** The account as it is now (its auth token can be rotated, as in the console). */
  private final java.util.function.Supplier<TwilioAccount> account;

  private final MessageLedger ledger;

  /** Told about each accepted send (the stand-in schedules automatic status callbacks there). */
  private final Consumer<SentMessage> onAccepted;

  private final SenderRegistry senders;

  MessagesApi(
      java.util.function.Supplier<TwilioAccount> account,
      MessageLedger ledger,
      SenderRegistry senders,
      Consumer<SentMessage> onAccepted) {
    this.account = account;
    this.ledger = ledger;
    this.senders = senders;
    this.onAccepted = onAccepted;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      Matcher create = CREATE.matcher(path);
      Matcher fetch = FETCH.matcher(path);
      if (create.matches() && method.equals("POST")) {
        ledger.countAttempt();
        create(exchange, create.group(1));
      } else if (create.matches() && method.equals("GET")) {
        list(exchange, create.group(1));
      } else if (fetch.matches() && method.equals("GET")) {
        fetch(exchange, fetch.group(1), fetch.group(2));
      } else {
        fail(exchange, TwilioError.notFound(path));
      }
    } catch (RuntimeException e) {
      LOG.error("twilio stand-in failed on a request", e);
      fail(exchange, TwilioError.transientFailure(500));
    }
  }

  private void create(HttpExchange exchange, String pathAccountSid) throws IOException {
    Optional<TwilioError> denied = authorize(exchange, pathAccountSid);
    if (denied.isPresent()) {
      fail(exchange, denied.get());
      return;
    }
    Map<String, List<String>> form = FormEncoding.parse(HttpExchanges.readBodyText(exchange));
    Optional<TwilioError> fault = ledger.takeSendFault();
    if (fault.isPresent()) {
      LOG.info(
          "twilio stand-in answering a programmed fault",
          "status",
          fault.get().status(),
          "code",
          fault.get().code());
      fail(exchange, fault.get());
      return;
    }
    Optional<TwilioError> invalid = validate(form);
    if (invalid.isPresent()) {
      fail(exchange, invalid.get());
      return;
    }
    SentMessage message =
        new SentMessage(
            Sids.message(),
            pathAccountSid,
            first(form, "To"),
            first(form, "From"),
            first(form, "MessagingServiceSid"),
            first(form, "Body"),
            form.getOrDefault("MediaUrl", List.of()),
            first(form, "StatusCallback"),
            Instant.now(),
            form);
    ledger.accept(message);
    LOG.info(
        "twilio stand-in accepted a message",
        "sid",
        message.sid(),
        "to",
        message.to(),
        "numMedia",
        message.mediaUrls().size());
    HttpExchanges.sendJson(
        exchange, 201, MessageJson.of(message, ledger.state(message.sid()), message.createdAt()));
    onAccepted.accept(message);
  }

  private void fetch(HttpExchange exchange, String pathAccountSid, String sid) throws IOException {
    Optional<TwilioError> denied = authorize(exchange, pathAccountSid);
    if (denied.isPresent()) {
      fail(exchange, denied.get());
      return;
    }
    Optional<SentMessage> message = ledger.find(sid);
    if (message.isEmpty()) {
      fail(exchange, TwilioError.notFound(exchange.getRequestURI().getPath()));
      return;
    }
    HttpExchanges.sendJson(
        exchange, 200, MessageJson.of(message.get(), ledger.state(sid), Instant.now()));
  }

  /**
   * The message log (GET Messages.json): the messages customers sent to the account's numbers,
   * newest first, filtered by {@code To} / {@code From} as Twilio does; one page (PageSize, at most
   * 1000).
   */
  private void list(HttpExchange exchange, String pathAccountSid) throws IOException {
    Optional<TwilioError> denied = authorize(exchange, pathAccountSid);
    if (denied.isPresent()) {
      fail(exchange, denied.get());
      return;
    }
    Map<String, List<String>> query =
        FormEncoding.parse(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
    String to = first(query, "To");
    String from = first(query, "From");
    int pageSize =
        Math.min(
            1000, Integer.parseInt(Optional.ofNullable(first(query, "PageSize")).orElse("50")));
    List<InboundMessage> inbound = new java.util.ArrayList<>(senders.inbound());
    java.util.Collections.reverse(inbound);
    com.fasterxml.jackson.databind.node.ArrayNode messages =
        com.utalk.json.Json.mapper().createArrayNode();
    for (InboundMessage message : inbound) {
      if ((to == null || to.equals(message.to()))
          && (from == null || from.equals(message.from()))
          && messages.size() < pageSize) {
        messages.add(MessageJson.inbound(account.get().accountSid(), message));
      }
    }
    HttpExchanges.sendJson(
        exchange,
        200,
        MessageJson.page(
            "messages",
            "/2010-04-01/Accounts/" + pathAccountSid + "/Messages.json",
            messages,
            pageSize));
  }

  /** HTTP Basic with the account SID and auth token, for a path under that same account. */
  private Optional<TwilioError> authorize(HttpExchange exchange, String pathAccountSid) {
    return authorize(exchange, account.get(), pathAccountSid);
  }

  /** Every REST resource of the stand-in checks the caller this way. */
  static Optional<TwilioError> authorize(
      HttpExchange exchange, TwilioAccount account, String pathAccountSid) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.of(TwilioError.authenticate());
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.of(TwilioError.authenticate());
    }
    int colon = decoded.indexOf(':');
    boolean valid =
        colon > 0
            && decoded.substring(0, colon).equals(account.accountSid())
            && decoded.substring(colon + 1).equals(account.authToken())
            && pathAccountSid.equals(account.accountSid());
    return valid ? Optional.empty() : Optional.of(TwilioError.authenticate());
  }

  /** Twilio's checks, in Twilio's order, with Twilio's error codes. */
  private static Optional<TwilioError> validate(Map<String, List<String>> form) {
    String to = first(form, "To");
    String from = first(form, "From");
    if (to == null) {
      return Optional.of(new TwilioError(400, 21604, "A 'To' phone number is required."));
    }
    if (from == null && first(form, "MessagingServiceSid") == null) {
      return Optional.of(new TwilioError(400, 21603, "A 'From' phone number is required."));
    }
    if (!isWhatsAppAddress(to)) {
      return Optional.of(new TwilioError(400, 21211, "Invalid 'To' Phone Number: " + to));
    }
    if (from != null && !isWhatsAppAddress(from)) {
      return Optional.of(new TwilioError(400, 21212, "Invalid 'From' Phone Number: " + from));
    }
    String body = first(form, "Body");
    boolean hasContent =
        body != null || form.containsKey("MediaUrl") || first(form, "ContentSid") != null;
    if (!hasContent) {
      return Optional.of(new TwilioError(400, 21602, "Message body is required."));
    }
    if (body != null && body.codePointCount(0, body.length()) > MAX_BODY) {
      return Optional.of(
          new TwilioError(
              400, 21617, "The concatenated message body exceeds the 1600 character limit."));
    }
    return Optional.empty();
  }

  private static boolean isWhatsAppAddress(String address) {
    if (!address.startsWith(WHATSAPP)) {
      return false;
    }
    try {
      new PhoneNumber(address.substring(WHATSAPP.length()));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String first(Map<String, List<String>> form, String key) {
    List<String> values = form.get(key);
    return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
  }

  static void fail(HttpExchange exchange, TwilioError error) throws IOException {
    if (error.status() == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
    }
    HttpExchanges.sendJson(exchange, error.status(), error.toJson());
  }
}
