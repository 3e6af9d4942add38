package com.utalk.kpi.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.messaging.OutboundRequest;
import org.junit.jupiter.api.Test;

/** A survey question sent twice (a retried close) is one message: its id is derived, not random. */
class SurveyMessagesTest {
  @Test
  void surveyMessageIdsAreStableUuidV4s() {
    String id = SurveyMessages.messageId("conv-1", RatingKind.CSAT);
    assertEquals(id, SurveyMessages.messageId("conv-1", RatingKind.CSAT));
    assertTrue(OutboundRequest.isUuidV4(id), id);
    assertNotEquals(id, SurveyMessages.messageId("conv-1", RatingKind.NPS));
    assertNotEquals(id, SurveyMessages.messageId("conv-2", RatingKind.CSAT));
  }
}
