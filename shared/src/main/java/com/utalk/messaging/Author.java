package com.utalk.messaging;

/** Who wrote a message: the customer, the bot, or an agent (by uid). */
public record Author(Kind kind, String id) {
  public enum Kind {
    CUSTOMER,
    BOT,
    AGENT
  }

  public static Author customer() {
    return new Author(Kind.CUSTOMER, null);
  }

  public static Author bot() {
    return new Author(Kind.BOT, null);
  }

  public static Author agent(String uid) {
    return new Author(Kind.AGENT, uid);
  }

  /** Stored form: "customer", "bot" or "agent:{uid}". */
  public String wire() {
    return switch (kind) {
      case CUSTOMER -> "customer";
      case BOT -> "bot";
      case AGENT -> "agent:" + id;
    };
  }

  public static Author fromWire(String value) {
    if (value == null || value.equals("customer")) {
      return customer();
    }
    if (value.equals("bot")) {
      return bot();
    }
    if (value.startsWith("agent:")) {
      return agent(value.substring("agent:".length()));
    }
    throw new IllegalArgumentException("unknown author " + value);
  }
}
