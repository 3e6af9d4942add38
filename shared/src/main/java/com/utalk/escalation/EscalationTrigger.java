package com.utalk.escalation;

import java.util.Locale;

/** What caused an escalation; stored on the escalations document and the event (KPI breakdowns). */
public enum EscalationTrigger {
  /** The customer asked for a human with one of the configured phrases. */
  CUSTOMER_REQUEST,
  /** The model called the {@code escalate_to_human} tool. */
  TOOL_CALL,
  /** The bot failed (model errors or timeouts) the configured number of times in a row. */
  BOT_FAILURES,
  /** An agent took the conversation. */
  AGENT_TAKEOVER,
  /** An admin escalated it by hand. */
  ADMIN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EscalationTrigger fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
