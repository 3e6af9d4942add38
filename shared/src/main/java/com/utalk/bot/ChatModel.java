package com.utalk.bot;

import java.util.List;

/** Something that answers a conversation: the OpenAI model, or the offline responder. */
public interface ChatModel {
  /** How botRuns label the answers ("openai", "offline"). */
  String responder();

  Reply complete(Request request) throws ModelFailure;

  /**
   * The model to use, its instructions and the recent conversation, oldest first, ending with the
   * customer.
   */
  record Request(String model, String systemPrompt, List<Turn> turns) {
    public Request {
      turns = List.copyOf(turns);
    }
  }

  record Turn(Speaker speaker, String text) {}

  enum Speaker {
    CUSTOMER,
    ASSISTANT
  }

  /**
   * Either a text to send, or a request to escalate ({@code escalationReason} non-null). Token
   * counts are null when the responder does not report them.
   */
  record Reply(
      String text,
      String escalationReason,
      String model,
      Long promptTokens,
      Long completionTokens,
      Long totalTokens) {
    public boolean escalates() {
      return escalationReason != null;
    }
  }

  /**
   * The model did not answer usefully; {@code code} is short and safe to store and log (no
   * content).
   */
  final class ModelFailure extends Exception {
    private final String code;

    public ModelFailure(String code, String message, Throwable cause) {
      super(message, cause);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
