package com.utalk.messaging;

import java.util.Locale;

/** Who a message travels towards: from the customer (inbound) or to the customer (outbound). */
public enum Direction {
  INBOUND,
  OUTBOUND;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Direction fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
