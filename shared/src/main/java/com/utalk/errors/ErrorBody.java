package com.utalk.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one JSON error shape: {@code {error, message, requestId}} (plus {@code field} for validation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String requestId, String field) {
  public static ErrorBody of(ApiProblem problem, String requestId) {
    String field = problem instanceof ValidationException validation ? validation.field() : null;
    return new ErrorBody(problem.code(), problem.getMessage(), requestId, field);
  }
}
