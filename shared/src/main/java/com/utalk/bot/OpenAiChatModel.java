package com.utalk.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.completions.CompletionUsage;
import com.utalk.json.Json;
import com.utalk.metrics.DependencyMetrics;
import com.utalk.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's model through the official {@code openai-java} SDK (Chat Completions), offering one
 * tool, {@code escalate_to_human(reason)}. The SDK's own retries are off: the bot's one retry is
 * the single retry policy, so an outage costs two attempts, not six.
 */
public final class OpenAiChatModel implements ChatModel {
  public static final String ESCALATE_TOOL = "escalate_to_human";
  private static final int MAX_REPLY_TOKENS = 400;

  private final OpenAIClient client;

  public OpenAiChatModel(OpenAiSettings settings) {
    this.client =
        OpenAIOkHttpClient.builder()
            .apiKey(
                settings
                    .apiKey()
                    .orElseThrow(() -> new IllegalArgumentException("OPENAI_API_KEY is not set")))
            .baseUrl(settings.baseUrl())
            .timeout(settings.timeout())
            .maxRetries(0)
            .build();
  }

  @Override
  public String responder() {
    return "openai";
  }

  @Override
  public Reply complete(Request request) throws ModelFailure {
    ChatCompletionCreateParams.Builder params =
        ChatCompletionCreateParams.builder()
            .model(request.model())
            .maxCompletionTokens(MAX_REPLY_TOKENS)
            .addSystemMessage(request.systemPrompt())
            .addFunctionTool(escalateTool());
    for (Turn turn : request.turns()) {
      if (turn.speaker() == Speaker.CUSTOMER) {
        params.addUserMessage(turn.text());
      } else {
        params.addAssistantMessage(turn.text());
      }
    }
    ChatCompletion completion;
    long started = System.nanoTime();
    String failure = null;
    try {
      completion = client.chat().completions().create(params.build());
    } catch (OpenAIServiceException e) {
      failure = "http_" + e.statusCode();
      throw new ModelFailure(
          "http_" + e.statusCode(), "the model answered HTTP " + e.statusCode(), e);
    } catch (OpenAIIoException e) {
      failure = isTimeout(e) ? "timeout" : "io";
      throw new ModelFailure(
          isTimeout(e) ? "timeout" : "io",
          "the model could not be reached: " + e.getClass().getSimpleName(),
          e);
    } catch (RuntimeException e) {
      failure = "client_error";
      throw new ModelFailure(
          "client_error", "the model call failed: " + e.getClass().getSimpleName(), e);
    } finally {
      // openaiErrorRate: every API call, by outcome.
      Metrics.get()
          .dependencies()
          .external(DependencyMetrics.OPENAI, System.nanoTime() - started, failure);
    }
    return toReply(completion);
  }

  private static Reply toReply(ChatCompletion completion) throws ModelFailure {
    if (completion.choices().isEmpty()) {
      throw new ModelFailure("empty_reply", "the model returned no choice", null);
    }
    ChatCompletionMessage message = completion.choices().get(0).message();
    Optional<CompletionUsage> usage = completion.usage();
    Long prompt = usage.map(CompletionUsage::promptTokens).orElse(null);
    Long output = usage.map(CompletionUsage::completionTokens).orElse(null);
    Long total = usage.map(CompletionUsage::totalTokens).orElse(null);
    for (ChatCompletionMessageToolCall call : message.toolCalls().orElse(List.of())) {
      Optional<ChatCompletionMessageFunctionToolCall> function = call.function();
      if (function.isPresent() && ESCALATE_TOOL.equals(function.get().function().name())) {
        return new Reply(
            null,
            reasonFrom(function.get().function().arguments()),
            completion.model(),
            prompt,
            output,
            total);
      }
    }
    String text = message.content().orElse("").trim();
    if (text.isEmpty()) {
      throw new ModelFailure(
          "empty_reply", "the model returned neither text nor a known tool call", null);
    }
    return new Reply(text, null, completion.model(), prompt, output, total);
  }

  /** The model's arguments are untrusted JSON; a missing or malformed reason still escalates. */
  private static String reasonFrom(String arguments) {
    try {
      JsonNode node = Json.read(arguments.getBytes(StandardCharsets.UTF_8));
      String reason = node.path("reason").asText("").trim();
      return reason.isEmpty() ? "model requested a human" : reason;
    } catch (RuntimeException e) {
      return "model requested a human";
    }
  }

  private static FunctionDefinition escalateTool() {
    return FunctionDefinition.builder()
        .name(ESCALATE_TOOL)
        .description(
            "Hand the conversation to a human agent. Use it when the customer asks for a person, "
                + "or when you cannot help. The bot stops answering this conversation.")
        .parameters(
            FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties",
                    JsonValue.from(
                        Map.of(
                            "reason",
                            Map.of(
                                "type",
                                "string",
                                "description",
                                "Why a human should take over, in a short sentence."))))
                .putAdditionalProperty("required", JsonValue.from(List.of("reason")))
                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                .build())
        .build();
  }

  private static boolean isTimeout(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.InterruptedIOException) {
        return true;
      }
    }
    return false;
  }
}
