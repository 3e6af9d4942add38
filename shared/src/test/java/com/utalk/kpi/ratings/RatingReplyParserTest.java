package com.utalk.kpi.ratings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * How a customer's WhatsApp answer to the survey becomes a score: the ways people write a number or
 * stars, and everything else left unscored (the survey asks again rather than guessing).
 */
class RatingReplyParserTest {
  private static OptionalInt csat(String reply) {
    return RatingReplyParser.parse(reply, RatingKind.CSAT);
  }

  private static OptionalInt nps(String reply) {
    return RatingReplyParser.parse(reply, RatingKind.NPS);
  }

  @Test
  void numbersAsCustomersWriteThem() {
    assertEquals(OptionalInt.of(5), csat("5"));
    assertEquals(OptionalInt.of(4), csat("  4. "));
    assertEquals(OptionalInt.of(4), csat("¡4!"));
    assertEquals(OptionalInt.of(3), csat("3/5"));
    assertEquals(OptionalInt.of(3), csat("3 de 5"));
    assertEquals(OptionalInt.of(2), csat("2 estrellas"));
    assertEquals(OptionalInt.of(3), csat("3 estrellas!"));
    assertEquals(OptionalInt.of(0), nps("0."));
    assertEquals(OptionalInt.of(1), csat("1 Estrella"));
    assertEquals(OptionalInt.of(9), nps("9 de 10"));
    assertEquals(OptionalInt.of(10), nps("10 puntos"));
    assertEquals(OptionalInt.of(0), nps("0"));
  }

  @Test
  void starsCountForTheSatisfactionQuestionOnly() {
    assertEquals(OptionalInt.of(3), csat("⭐⭐⭐"));
    assertEquals(OptionalInt.of(5), csat("★★★★★"));
    assertEquals(OptionalInt.of(2), csat("⭐️⭐️"), "with the emoji presentation selector");
    assertEquals(OptionalInt.empty(), csat("⭐⭐⭐⭐⭐⭐"), "six stars is not on the scale");
    assertEquals(OptionalInt.empty(), csat("\uFE0F"), "a selector alone is no star");
    assertEquals(OptionalInt.empty(), nps("⭐⭐⭐"), "the recommendation question wants 0 to 10");
  }

  @Test
  void outOfScaleAndOtherRepliesAreNotScores() {
    assertEquals(OptionalInt.empty(), csat("0"), "satisfaction starts at 1");
    assertEquals(OptionalInt.empty(), csat("6"));
    assertEquals(OptionalInt.empty(), nps("11"));
    assertEquals(OptionalInt.empty(), csat("muy bien"));
    assertEquals(OptionalInt.empty(), csat("hola, tengo otra consulta"));
    assertEquals(OptionalInt.empty(), csat("5 pedidos no llegaron"), "a number in a sentence");
    assertEquals(OptionalInt.empty(), csat("5 y 4"));
    assertEquals(OptionalInt.empty(), csat("123"));
    assertEquals(OptionalInt.empty(), csat(""));
    assertEquals(OptionalInt.empty(), csat(null));
  }
}
