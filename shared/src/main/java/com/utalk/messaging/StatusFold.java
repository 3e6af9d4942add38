package com.utalk.messaging;

import java.util.Comparator;

/**
 * A message's status and failure details as a commutative fold over status reports, so any arrival
 * order of the same callbacks gives the same result:
 *
 * <ul>
 *   <li>the status is the highest-ranked one reported ({@link MessageStatus#advance});
 *   <li>an error code and message are kept only while the status is a failure, and come from a
 *       report of that very status; of several such reports the smallest (code, message) wins;
 *   <li>a later delivered/read clears them (the message was not lost after all).
 * </ul>
 */
record StatusFold(MessageStatus status, String errorCode, String errorMessage) {
  private static final Comparator<String> NULLS_LAST =
      Comparator.nullsLast(Comparator.naturalOrder());

  static StatusFold of(Message message) {
    return new StatusFold(message.status(), message.errorCode(), message.errorMessage())
        .normalized();
  }

  StatusFold with(StatusReport report) {
    MessageStatus next = status.advance(report.status());
    if (!next.isFailure() || report.status() != next) {
      return new StatusFold(next, errorCode, errorMessage).normalized();
    }
    if (next != status
        || smaller(report.errorCode(), report.errorMessage(), errorCode, errorMessage)) {
      return new StatusFold(next, report.errorCode(), report.errorMessage());
    }
    return this;
  }

  private StatusFold normalized() {
    return status.isFailure() ? this : new StatusFold(status, null, null);
  }

  private static boolean smaller(
      String code, String message, String otherCode, String otherMessage) {
    int byCode = NULLS_LAST.compare(code, otherCode);
    return byCode < 0 || (byCode == 0 && NULLS_LAST.compare(message, otherMessage) < 0);
  }
}
