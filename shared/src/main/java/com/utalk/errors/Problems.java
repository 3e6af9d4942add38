package com.utalk.errors;

/**
 * The one mapping from a failure to what the caller sees, shared by HTTP functions, socket acks and
 * framework refusals: our own problems as they are, anything else is a bug (500). Storage failures
 * are already classified where they are awaited (outage → 503, refused argument → 400, anything
 * else → 500), so nothing here guesses from exception types of a client library.
 */
public final class Problems {
  private Problems() {}

  public static ApiProblem of(Throwable failure) {
    if (failure instanceof ApiProblem problem) {
      return problem;
    }
    return new InternalException(String.valueOf(failure), failure);
  }
}
