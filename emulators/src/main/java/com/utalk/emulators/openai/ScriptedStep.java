package com.utalk.emulators.openai;

import java.time.Duration;

/**
 * What the stand-in does with one request: answer a text, call a tool, or fail; optionally after a
 * delay.
 */
public record ScriptedStep(
    Kind kind, String text, String toolName, String toolArguments, int httpStatus, Duration delay) {
  public enum Kind {
    TEXT,
    TOOL_CALL,
    ERROR
  }

  public static ScriptedStep text(String text) {
    return new ScriptedStep(Kind.TEXT, text, null, null, 200, Duration.ZERO);
  }

  public static ScriptedStep toolCall(String name, String argumentsJson) {
    return new ScriptedStep(Kind.TOOL_CALL, null, name, argumentsJson, 200, Duration.ZERO);
  }

  public static ScriptedStep error(int httpStatus) {
    return new ScriptedStep(Kind.ERROR, null, null, null, httpStatus, Duration.ZERO);
  }

  public ScriptedStep after(Duration delay) {
    return new ScriptedStep(kind, text, toolName, toolArguments, httpStatus, delay);
  }
}
