package com.utalk.emulators.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.utalk.emulators.http.HttpExchanges;
import com.utalk.emulators.http.HttpServers;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OpenAI-compatible Chat Completions endpoint ({@code POST /v1/chat/completions}) that the
 * official SDK can be pointed at with {@code OPENAI_BASE_URL}. It checks every request (API key,
 * model, messages, the bot's tool; see {@link RequestChecks}) and answers 400 to a malformed one
 * like the real API would, records everything it received, and follows a script: the next requests
 * can answer a text, call a tool, fail with an HTTP status, or wait first. With an empty script it
 * answers a short canned text, so the local stack works without setup.
 */
public final class OpenAiStandIn implements AutoCloseable {
  private static final Log LOG = Log.get(OpenAiStandIn.class);
  public static final String DEFAULT_REPLY =
      "Gracias por escribirnos. ¿En qué más te puedo ayudar?";

  /**
   * {@code apiKey}: the bearer token to demand (null: any). {@code expectedModel}: refuse others
   * (null: any). {@code requiredTools}: tool name → arguments it must require.
   */
  public record Options(
      String host,
      int port,
      String apiKey,
      String expectedModel,
      Map<String, List<String>> requiredTools) {
    public static Options forTests(String apiKey, String expectedModel) {
      return new Options(
          "127.0.0.1", 0, apiKey, expectedModel, Map.of("escalate_to_human", List.of("reason")));
    }
  }

  private final Options options;
  private final HttpServers.Running server;
  private final Deque<ScriptedStep> script = new ArrayDeque<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger completions = new AtomicInteger();
  private volatile ScriptedStep fallback = ScriptedStep.text(DEFAULT_REPLY);

  private OpenAiStandIn(Options options) {
    this.options = options;
    this.server = HttpServers.start(options.host(), options.port(), 8, "openai-standin");
    server.server().createContext("/v1/chat/completions", this::completions);
    server
        .server()
        .createContext(
            "/",
            exchange ->
                HttpExchanges.sendJson(
                    exchange,
                    404,
                    error(
                        "unknown path " + exchange.getRequestURI().getPath(),
                        "invalid_request_error")));
    server.begin();
    LOG.info("openai stand-in listening", "baseUrl", baseUrl());
  }

  public static OpenAiStandIn start(Options options) {
    return new OpenAiStandIn(options);
  }

  /** What to set as OPENAI_BASE_URL (includes {@code /v1}, like the SDK's default). */
  public String baseUrl() {
    return server.baseUrl() + "/v1";
  }

  // --- scripting -------------------------------------------------------------------------------

  /** Queues steps for the next requests, in order. */
  public synchronized OpenAiStandIn then(ScriptedStep... steps) {
    script.addAll(List.of(steps));
    return this;
  }

  public OpenAiStandIn replyWith(String text) {
    return then(ScriptedStep.text(text));
  }

  public OpenAiStandIn callTool(String name, String argumentsJson) {
    return then(ScriptedStep.toolCall(name, argumentsJson));
  }

  public OpenAiStandIn failNext(int count, int httpStatus) {
    for (int i = 0; i < count; i++) {
      then(ScriptedStep.error(httpStatus));
    }
    return this;
  }

  /** What every request gets once the script is used up. */
  public void whenIdle(ScriptedStep step) {
    this.fallback = step;
  }

  /** Forgets the script, the recorded requests and the idle behaviour. */
  public synchronized void reset() {
    script.clear();
    requests.clear();
    fallback = ScriptedStep.text(DEFAULT_REPLY);
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Problems found in any request so far (empty when every request was well formed). */
  public List<String> problems() {
    return requests.stream().flatMap(r -> r.problems().stream()).toList();
  }

  private synchronized ScriptedStep nextStep() {
    ScriptedStep step = script.poll();
    return step != null ? step : fallback;
  }

  // --- the endpoint ----------------------------------------------------------------------------

  private void completions(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      HttpExchanges.sendJson(exchange, 405, error("use POST", "invalid_request_error"));
      return;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    JsonNode body;
    try {
      body = Json.read(HttpExchanges.readBody(exchange));
    } catch (Json.MalformedJsonException e) {
      body = null;
    }
    List<String> problems =
        new java.util.ArrayList<>(
            RequestChecks.problems(body, options.expectedModel(), options.requiredTools()));
    boolean keyOk =
        options.apiKey() == null || ("Bearer " + options.apiKey()).equals(authorization);
    if (!keyOk) {
      problems.add("missing or wrong API key");
    }
    requests.add(
        new RecordedRequest(
            exchange.getRequestURI().getPath(), authorization, body, List.copyOf(problems)));
    if (!keyOk) {
      HttpExchanges.sendJson(
          exchange, 401, error("Incorrect API key provided.", "invalid_request_error"));
      return;
    }
    if (!problems.isEmpty()) {
      LOG.warn(
          "openai stand-in refused a malformed request", "problems", String.join("; ", problems));
      HttpExchanges.sendJson(
          exchange, 400, error(String.join("; ", problems), "invalid_request_error"));
      return;
    }
    ScriptedStep step = nextStep();
    sleep(step.delay());
    switch (step.kind()) {
      case ERROR ->
          HttpExchanges.sendJson(
              exchange, step.httpStatus(), error("scripted failure", "server_error"));
      case TEXT -> HttpExchanges.sendJson(exchange, 200, completion(body, step.text(), null, null));
      case TOOL_CALL ->
          HttpExchanges.sendJson(
              exchange, 200, completion(body, null, step.toolName(), step.toolArguments()));
    }
  }

  private ObjectNode completion(
      JsonNode request, String text, String toolName, String toolArguments) {
    int n = completions.incrementAndGet();
    ObjectNode message = Json.object().put("role", "assistant");
    if (toolName != null) {
      message.putNull("content");
      ArrayNode calls = message.putArray("tool_calls");
      ObjectNode call = calls.addObject().put("id", "call_standin_" + n).put("type", "function");
      call.putObject("function").put("name", toolName).put("arguments", toolArguments);
    } else {
      message.put("content", text);
    }
    message.putNull("refusal");
    ObjectNode root =
        Json.object()
            .put("id", "chatcmpl-standin-" + n)
            .put("object", "chat.completion")
            .put("created", Instant.now().getEpochSecond())
            .put("model", request.path("model").asText());
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.set("message", message);
    choice.putNull("logprobs");
    choice.put("finish_reason", toolName != null ? "tool_calls" : "stop");
    int prompt = request.path("messages").toString().length() / 4;
    int output = (text == null ? toolArguments : text).length() / 4 + 1;
    root.putObject("usage")
        .put("prompt_tokens", prompt)
        .put("completion_tokens", output)
        .put("total_tokens", prompt + output);
    return root;
  }

  private static ObjectNode error(String message, String type) {
    ObjectNode root = Json.object();
    root.putObject("error")
        .put("message", message)
        .put("type", type)
        .putNull("param")
        .putNull("code");
    return root;
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.close();
  }

  /**
   * Runs the stand-in on its own for the local stack: {@code --port 8791 [--api-key KEY] [--model
   * NAME]}.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = 8791;
    String apiKey = null;
    String model = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--api-key" -> apiKey = args[i + 1];
        case "--model" -> model = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    start(
        new Options(
            "127.0.0.1", port, apiKey, model, Map.of("escalate_to_human", List.of("reason"))));
    Thread.currentThread().join();
  }
}
