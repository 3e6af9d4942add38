package com.utalk.kpi.ratings;

import java.util.Locale;

/** The two survey questions: CSAT (1–5) always, NPS (0–10) where the workspace enables it. */
public enum RatingKind {
  CSAT(
      1,
      5,
      "¡Gracias por escribirnos! ¿Cómo calificarías la atención que recibiste? Responde con un número del 1 (muy mala) al 5 (excelente)."),
  NPS(
      0,
      10,
      "Una última pregunta: ¿qué tan probable es que nos recomiendes a un amigo o colega? Responde con un número del 0 al 10.");

  private final int min;
  private final int max;
  private final String question;

  RatingKind(int min, int max, String question) {
    this.min = min;
    this.max = max;
    this.question = question;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  public String question() {
    return question;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RatingKind fromWire(String value) {
    return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
  }
}
