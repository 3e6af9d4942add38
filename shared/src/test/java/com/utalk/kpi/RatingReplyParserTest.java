package com.utalk.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.kpi.ratings.RatingKind;
import com.utalk.kpi.ratings.RatingReplyParser;
import com.utalk.kpi.ratings.SurveyMessages;
import com.utalk.messaging.OutboundRequest;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RatingReplyParserTest {
  @Test
  void recognisesScoresInTheScaleAndNothingElse() {
    assertEquals(OptionalInt.of(5), RatingReplyParser.parse(" 5 ", RatingKind.CSAT));
    assertEquals(OptionalInt.of(4), RatingReplyParser.parse("4/5", RatingKind.CSAT));
    assertEquals(OptionalInt.of(3), RatingReplyParser.parse("3 estrellas!", RatingKind.CSAT));
    assertEquals(OptionalInt.of(4), RatingReplyParser.parse("⭐⭐⭐⭐", RatingKind.CSAT));
    assertEquals(OptionalInt.of(10), RatingReplyParser.parse("10", RatingKind.NPS));
    assertEquals(OptionalInt.of(0), RatingReplyParser.parse("0.", RatingKind.NPS));
    assertEquals(OptionalInt.empty(), RatingReplyParser.parse("6", RatingKind.CSAT));
    assertEquals(OptionalInt.empty(), RatingReplyParser.parse("0", RatingKind.CSAT));
    assertEquals(OptionalInt.empty(), RatingReplyParser.parse("11", RatingKind.NPS));
    assertEquals(
        OptionalInt.empty(), RatingReplyParser.parse("hola, tengo otra consulta", RatingKind.CSAT));
    assertEquals(
        OptionalInt.empty(), RatingReplyParser.parse("5 pedidos no llegaron", RatingKind.CSAT));
    assertEquals(OptionalInt.empty(), RatingReplyParser.parse("", RatingKind.NPS));
    assertEquals(OptionalInt.empty(), RatingReplyParser.parse(null, RatingKind.NPS));
  }

  @Test
  void surveyMessageIdsAreStableUuidV4s() {
    String id = SurveyMessages.messageId("conv-1", RatingKind.CSAT);
    assertEquals(id, SurveyMessages.messageId("conv-1", RatingKind.CSAT));
    assertTrue(OutboundRequest.isUuidV4(id), id);
    assertTrue(!id.equals(SurveyMessages.messageId("conv-1", RatingKind.NPS)));
  }
}
