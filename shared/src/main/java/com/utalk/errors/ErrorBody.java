package com.utalk.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one JSON error shape: {@code {error, message, requestId}} (plus {@code field} for
 * validation).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String requestId, String field) {
  public static ErrorBody of(ApiProblem problem, String requestId) {
    String field = problem instanceof ValidationException validation ? validation.field() : null;
    return new ErrorBody(problem.code(), problem.publicMessage(), requestId, field);
  }

  /** Retry-After in whole seconds, rounded up and at least 1; null when the problem sets none. */
  public static String retryAfterSeconds(ApiProblem problem) {
    return problem
        .retryAfter()
        .map(after -> Long.toString(Math.max(1, (after.toMillis() + 999) / 1000)))
        .orElse(null);
  }
}
