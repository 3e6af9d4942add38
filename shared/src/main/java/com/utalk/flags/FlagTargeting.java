package com.utalk.flags;

import com.utalk.errors.ValidationException;
import java.util.Locale;

/**
 * Whom a flag's rollout is split over: whole workspaces (every agent of a workspace sees the same
 * answer, the operations document's {@code workspaceFlags}) or single users ({@code userFlags}).
 */
public enum FlagTargeting {
  WORKSPACE,
  USER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FlagTargeting parse(String value, String field) {
    for (FlagTargeting targeting : values()) {
      if (targeting.wire().equals(value)) {
        return targeting;
      }
    }
    throw new ValidationException(field, field + " must be workspace or user");
  }
}
