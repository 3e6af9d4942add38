package com.utalk.emulators.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.utalk.emulators.http.FormEncoding;
import com.utalk.emulators.http.HttpExchanges;
import com.utalk.json.Json;
import com.utalk.messaging.PhoneNumber;
import java.io.IOException;
import java.util.Map;

/**
 * The stand-in's control surface for the local stack and for curl (JSON, or form fields with the
 * same names):
 *
 * <pre>
 * GET    /_standin/health
 * GET    /_standin/sends                    accepted sends and the attempt count
 * POST   /_standin/reset                    forget sends, callbacks, faults (also DELETE /_standin/sends)
 * POST   /_standin/faults                   {"kind":"transient","count":2,"status":503}
 *                                           {"kind":"permanent","count":1,"code":63016}
 *                                           {"kind":"delivery","count":1,"code":63016}
 * DELETE /_standin/faults
 * GET    /_standin/status-callbacks         callbacks fired so far
 * POST   /_standin/status-callbacks         {"messageSid":"SM…","status":"read"} (sid defaults to the last send;
 *                                           errorCode/errorMessage optional)
 * POST   /_standin/auto-status-callbacks    {"enabled":false}
 * GET    /_standin/senders                  the account's numbers and their webhook URLs
 * POST   /_standin/senders                  {"phoneNumber":"+14155238886","smsUrl":"http://…"} (as the console does)
 * POST   /_standin/inbound                  {"from":"+5215512345678","to":"+14155238886","body":"hola"}: a customer
 *                                           message, posted by the stand-in to the number's webhook URL
 *                                           ("mediaContentType":"image/png" adds an attachment on the stand-in's media host)
 * GET    /_standin/inbound                  the inbound messages and what their webhook answered
 * POST   /_standin/auth-token               {"authToken":"…"}: the account's token rotated in the console
 * POST   /_standin/media-host               {"status":404}: every media download answers that (0: serve again)
 * </pre>
 */
final class StandInAdminApi implements HttpHandler {
  static final String PREFIX = "/_standin/";

  private final TwilioStandIn standIn;

  StandInAdminApi(TwilioStandIn standIn) {
    this.standIn = standIn;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String route =
        exchange.getRequestMethod()
            + " "
            + exchange.getRequestURI().getPath().substring(PREFIX.length() - 1);
    try {
      switch (route) {
        case "GET /health" ->
            HttpExchanges.sendJson(
                exchange, 200, Map.of("status", "ok", "baseUrl", standIn.baseUrl()));
        case "GET /sends" ->
            HttpExchanges.sendJson(
                exchange, 200, Map.of("sends", standIn.sends(), "attempts", standIn.attempts()));
        case "POST /reset", "DELETE /sends" -> {
          standIn.reset();
          HttpExchanges.sendJson(exchange, 200, Map.of("reset", true));
        }
        case "POST /faults" -> HttpExchanges.sendJson(exchange, 200, addFault(body(exchange)));
        case "DELETE /faults" -> {
          standIn.clearFaults();
          HttpExchanges.sendJson(exchange, 200, Map.of("cleared", true));
        }
        case "GET /status-callbacks" ->
            HttpExchanges.sendJson(exchange, 200, Map.of("callbacks", standIn.callbacks()));
        case "POST /status-callbacks" ->
            HttpExchanges.sendJson(exchange, 200, fireCallback(body(exchange)));
        case "POST /auto-status-callbacks" -> {
          standIn.autoStatusCallbacks(body(exchange).path("enabled").asBoolean(true));
          HttpExchanges.sendJson(
              exchange, 200, Map.of("autoStatusCallbacks", standIn.autoStatusCallbacks()));
        }
        case "GET /senders" ->
            HttpExchanges.sendJson(exchange, 200, Map.of("senders", standIn.senders()));
        case "POST /senders" -> {
          JsonNode request = body(exchange);
          HttpExchanges.sendJson(
              exchange,
              200,
              standIn.configureSender(
                  required(request, "phoneNumber").asText(), required(request, "smsUrl").asText()));
        }
        case "GET /inbound" ->
            HttpExchanges.sendJson(exchange, 200, Map.of("inbound", standIn.inbound()));
        case "POST /inbound" -> {
          JsonNode request = body(exchange);
          HttpExchanges.sendJson(
              exchange,
              200,
              standIn.receive(
                  PhoneNumber.parse(required(request, "from").asText()),
                  PhoneNumber.parse(required(request, "to").asText()),
                  request.path("body").asText("hola"),
                  request.hasNonNull("mediaContentType")
                      ? request.get("mediaContentType").asText()
                      : null));
        }
        case "POST /auth-token" -> {
          standIn.rotateAuthToken(required(body(exchange), "authToken").asText());
          HttpExchanges.sendJson(exchange, 200, Map.of("rotated", true));
        }
        case "POST /media-host" -> {
          int status = body(exchange).path("status").asInt(0);
          standIn.mediaHostAnswers(status);
          HttpExchanges.sendJson(exchange, 200, Map.of("mediaHostStatus", status));
        }
        default ->
            HttpExchanges.sendJson(
                exchange, 404, Map.of("error", "not_found", "message", "no admin route " + route));
      }
    } catch (IllegalArgumentException | Json.MalformedJsonException e) {
      HttpExchanges.sendJson(
          exchange, 400, Map.of("error", "bad_request", "message", String.valueOf(e.getMessage())));
    } catch (IllegalStateException e) {
      HttpExchanges.sendJson(
          exchange, 409, Map.of("error", "conflict", "message", String.valueOf(e.getMessage())));
    }
  }

  private ObjectNode addFault(JsonNode request) {
    int count = request.path("count").asInt(1);
    String kind = request.path("kind").asText("");
    switch (kind) {
      case "transient" -> standIn.failNextTransient(count, request.path("status").asInt(503));
      case "permanent" -> {
        int code = required(request, "code").asInt();
        standIn.failNext(
            count,
            new TwilioError(
                request.path("status").asInt(400),
                code,
                request.hasNonNull("message")
                    ? request.get("message").asText()
                    : TwilioError.messageFor(code)));
      }
      case "delivery" -> standIn.failNextDeliveries(count, required(request, "code").asInt());
      default ->
          throw new IllegalArgumentException("kind must be transient, permanent or delivery");
    }
    ObjectNode answer = Json.object();
    answer.put("queued", count);
    answer.put("kind", kind);
    return answer;
  }

  private CallbackDelivery fireCallback(JsonNode request) {
    String status = required(request, "status").asText();
    String sid =
        request.hasNonNull("messageSid")
            ? request.get("messageSid").asText()
            : standIn.lastSend().sid();
    Integer errorCode = request.hasNonNull("errorCode") ? request.get("errorCode").asInt() : null;
    String errorMessage =
        request.hasNonNull("errorMessage") ? request.get("errorMessage").asText() : null;
    return standIn.fireStatusCallback(sid, status, errorCode, errorMessage);
  }

  private static JsonNode required(JsonNode request, String field) {
    if (!request.hasNonNull(field) || request.get(field).asText().isBlank()) {
      throw new IllegalArgumentException("missing field " + field);
    }
    return request.get(field);
  }

  /** JSON, or a form (for {@code curl -d status=read}) read into the same shape. */
  private static JsonNode body(HttpExchange exchange) throws IOException {
    String text = HttpExchanges.readBodyText(exchange);
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null && contentType.startsWith(FormEncoding.CONTENT_TYPE)) {
      ObjectNode node = Json.object();
      FormEncoding.firstValues(FormEncoding.parse(text)).forEach(node::put);
      return node;
    }
    return text.isBlank()
        ? Json.object()
        : Json.read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
