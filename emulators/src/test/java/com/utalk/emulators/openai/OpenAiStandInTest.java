package com.utalk.emulators.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.utalk.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI stand-in refusing what the real Chat Completions API would refuse or the bot must
 * never send (401 for the key, 400 with OpenAI's error JSON naming every problem), and answering a
 * well-formed request with what its script says. Raw HTTP: the SDK would not build these requests.
 */
class OpenAiStandInTest {
  private static final String KEY = "sk-test-key";
  private static final String MODEL = "gpt-4o-mini";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static OpenAiStandIn standIn;

  record Answer(int status, JsonNode json) {
    String error() {
      return json.path("error").path("message").asText();
    }
  }

  @BeforeAll
  static void start() {
    standIn = OpenAiStandIn.start(OpenAiStandIn.Options.forTests(KEY, MODEL));
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  @BeforeEach
  void reset() {
    standIn.reset();
  }

  @Test
  void aWellFormedRequestGetsTheCannedReplyInOpenAisShape() throws Exception {
    Answer answer = post(KEY, valid().toString());

    assertEquals(200, answer.status(), answer.json().toString());
    assertEquals("chat.completion", answer.json().path("object").asText());
    assertEquals(MODEL, answer.json().path("model").asText());
    JsonNode choice = answer.json().path("choices").get(0);
    assertEquals("stop", choice.path("finish_reason").asText());
    assertEquals(OpenAiStandIn.DEFAULT_REPLY, choice.path("message").path("content").asText());
    assertTrue(answer.json().path("usage").path("total_tokens").asInt() > 0);
    RecordedRequest recorded = standIn.requests().get(0);
    assertEquals(List.of(), recorded.problems());
    assertEquals(MODEL, recorded.model());
    assertEquals("Hola, ¿tienen envío?", recorded.lastContent("user"));
    assertEquals(List.of("system", "user"), recorded.roles());
    assertEquals(List.of("escalate_to_human"), recorded.toolNames());
  }

  @Test
  void aMissingOrWrongKeyIs401AndRecorded() throws Exception {
    Answer missing = post(null, valid().toString());
    Answer wrong = post("sk-other", valid().toString());

    assertEquals(401, missing.status());
    assertEquals("Incorrect API key provided.", missing.error());
    assertEquals("invalid_request_error", missing.json().path("error").path("type").asText());
    assertEquals(401, wrong.status());
    assertTrue(
        standIn.problems().contains("missing or wrong API key"), standIn.problems()::toString);
  }

  @Test
  void aBodyThatIsNotAJsonObjectIs400() throws Exception {
    Answer text = post(KEY, "hola");
    Answer array = post(KEY, "[1,2]");

    assertEquals(400, text.status());
    assertEquals("body is not a JSON object", text.error());
    assertEquals(400, array.status());
    assertEquals("body is not a JSON object", array.error());
    assertEquals(null, standIn.requests().get(0).model());
    assertEquals(null, standIn.requests().get(0).lastContent("user"));
  }

  @Test
  void theModelMustBeGivenAndTheExpectedOne() throws Exception {
    ObjectNode none = valid();
    none.remove("model");
    ObjectNode other = valid().put("model", "gpt-3.5-turbo");

    assertEquals("model is missing", post(KEY, none.toString()).error());
    Answer wrong = post(KEY, other.toString());
    assertEquals(400, wrong.status());
    assertEquals("model is 'gpt-3.5-turbo', expected 'gpt-4o-mini'", wrong.error());
  }

  @Test
  void theMessagesMustStartWithTheSystemPromptEndWithTheCustomerAndHaveText() throws Exception {
    ObjectNode empty = valid();
    empty.putArray("messages");
    assertEquals("messages must be a non-empty array", post(KEY, empty.toString()).error());

    ObjectNode order = valid();
    ArrayNode messages = order.putArray("messages");
    messages.addObject().put("role", "user").put("content", "hola");
    messages.addObject().put("role", "narrator").put("content", " ");
    List<String> problems = List.of(post(KEY, order.toString()).error().split("; "));

    assertEquals(
        List.of(
            "the first message must be the system prompt",
            "the last message must be the customer's (role user)",
            "unknown role 'narrator'",
            "a narrator message has no text content"),
        problems);

    ObjectNode parts = valid();
    ((ObjectNode) parts.path("messages").get(1)).putArray("content").addObject().put("text", "x");
    assertEquals("a user message has no text content", post(KEY, parts.toString()).error());
  }

  @Test
  void theEscalationToolMustBeOfferedAsAFunctionRequiringItsReason() throws Exception {
    ObjectNode noTools = valid();
    noTools.remove("tools");
    assertEquals("tool escalate_to_human is not offered", post(KEY, noTools.toString()).error());

    ObjectNode notFunction = valid();
    ((ObjectNode) notFunction.path("tools").get(0)).put("type", "retrieval");
    assertEquals(
        "tool escalate_to_human is not offered", post(KEY, notFunction.toString()).error());

    ObjectNode loose = valid();
    ObjectNode parameters =
        (ObjectNode) loose.path("tools").get(0).path("function").path("parameters");
    parameters.put("type", "string");
    parameters.putObject("properties");
    parameters.putArray("required");
    assertEquals(
        List.of(
            "tool escalate_to_human parameters must be an object schema",
            "tool escalate_to_human does not declare argument reason",
            "tool escalate_to_human does not require argument reason"),
        List.of(post(KEY, loose.toString()).error().split("; ")));

    ObjectNode otherTool = valid();
    ((ObjectNode) otherTool.path("tools").get(0).path("function")).put("name", "lookup_order");
    assertEquals("tool escalate_to_human is not offered", post(KEY, otherTool.toString()).error());

    ObjectNode extra = valid();
    ((ArrayNode) extra.path("tools")).addObject().put("type", "function");
    assertEquals("expected exactly 1 tool(s), got 2", post(KEY, extra.toString()).error());
  }

  @Test
  void theScriptAnswersAToolCallThenAFailureThenTheIdleReply() throws Exception {
    standIn.callTool("escalate_to_human", "{\"reason\":\"quiere un humano\"}").failNext(1, 503);
    standIn.whenIdle(ScriptedStep.text("¿Algo más?"));

    Answer tool = post(KEY, valid().toString());
    Answer failed = post(KEY, valid().toString());
    Answer idle = post(KEY, valid().toString());

    JsonNode choice = tool.json().path("choices").get(0);
    assertEquals("tool_calls", choice.path("finish_reason").asText());
    JsonNode call = choice.path("message").path("tool_calls").get(0);
    assertEquals("escalate_to_human", call.path("function").path("name").asText());
    assertEquals(
        "{\"reason\":\"quiere un humano\"}", call.path("function").path("arguments").asText());
    assertTrue(choice.path("message").path("content").isNull());
    assertEquals(503, failed.status());
    assertEquals("server_error", failed.json().path("error").path("type").asText());
    assertEquals(
        "¿Algo más?", idle.json().path("choices").get(0).path("message").path("content").asText());
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    HttpResponse<byte[]> get =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/chat/completions")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> embeddings =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/embeddings"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(405, get.statusCode());
    assertEquals("use POST", Json.read(get.body()).path("error").path("message").asText());
    assertEquals(404, embeddings.statusCode());
    assertEquals(
        "unknown path /v1/embeddings",
        Json.read(embeddings.body()).path("error").path("message").asText());
  }

  @Test
  void withNoKeyModelOrToolsToDemandAnyWellFormedRequestIsAnsweredButMessagesStillMatter()
      throws Exception {
    try (OpenAiStandIn open =
        OpenAiStandIn.start(new OpenAiStandIn.Options("127.0.0.1", 0, null, null, Map.of()))) {
      ObjectNode anyModel = valid().put("model", "any-model");
      ObjectNode notAList = valid().put("messages", "hola");

      Answer answered = post(open, null, anyModel.toString());
      Answer refused = post(open, null, notAList.toString());

      assertEquals(200, answered.status(), answered.json().toString());
      assertEquals("any-model", answered.json().path("model").asText());
      assertEquals(400, refused.status());
      assertEquals("messages must be a non-empty array", refused.error());
    }
  }

  @Test
  void runOnItsOwnAnUnknownOptionIsRefusedBeforeListening() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> OpenAiStandIn.main(new String[] {"--verbose", "yes"}));

    assertEquals("unknown option --verbose", refused.getMessage());
  }

  /** What the bot sends: system prompt, the customer's message, the escalation tool. */
  private static ObjectNode valid() {
    ObjectNode body = Json.object().put("model", MODEL);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", "Eres el asistente de la tienda.");
    messages.addObject().put("role", "user").put("content", "Hola, ¿tienen envío?");
    ObjectNode function =
        body.putArray("tools")
            .addObject()
            .put("type", "function")
            .putObject("function")
            .put("name", "escalate_to_human");
    ObjectNode parameters = function.putObject("parameters").put("type", "object");
    parameters.putObject("properties").putObject("reason").put("type", "string");
    parameters.putArray("required").add("reason");
    return body;
  }

  private static Answer post(String key, String body) throws Exception {
    return post(standIn, key, body);
  }

  private static Answer post(OpenAiStandIn target, String key, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target.baseUrl() + "/chat/completions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    HttpResponse<byte[]> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), Json.read(response.body()));
  }
}
