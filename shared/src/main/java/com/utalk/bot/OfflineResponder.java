package com.utalk.bot;

import java.util.List;

/**
 * The bot without a model (no OPENAI_API_KEY, the local default): a small FAQ table in Spanish and
 * English, else a generic acknowledgement. It never fails and never escalates on its own (the
 * customer's phrases still do), so the local stack works end to end without keys.
 */
public final class OfflineResponder implements ChatModel {
  public static final String MODEL = "offline-faq";

  private record Faq(
      List<String> spanish, List<String> english, String answerEs, String answerEn) {}

  private static final List<Faq> TABLE =
      List.of(
          new Faq(
              List.of("horario", "hora", "abren", "cierran"),
              List.of("hours", "open", "close"),
              "Atendemos de lunes a viernes de 9:00 a 18:00 y sábados de 9:00 a 14:00.",
              "We are open Monday to Friday 9:00-18:00 and Saturday 9:00-14:00."),
          new Faq(
              List.of("precio", "costo", "cuanto"),
              List.of("price", "cost", "how much"),
              "Puedes ver nuestros precios actualizados en el catálogo; un agente puede darte una cotización.",
              "Our current prices are in the catalogue; an agent can give you a quote."),
          new Faq(
              List.of("envio", "entrega", "pedido"),
              List.of("shipping", "delivery", "order"),
              "Los envíos tardan de 2 a 5 días hábiles. Compártenos tu número de pedido para revisarlo.",
              "Shipping takes 2 to 5 business days. Share your order number and we will check it."),
          new Faq(
              List.of("hola", "buenas", "buenos dias"),
              List.of("hello", "hi", "good morning"),
              "¡Hola! Soy el asistente de UTalk. ¿En qué te puedo ayudar?",
              "Hi! I am the UTalk assistant. How can I help you?"));

  static final String GENERIC_ES =
      "Gracias por tu mensaje. Lo revisamos y te respondemos en breve.";

  @Override
  public String responder() {
    return "offline";
  }

  @Override
  public Reply complete(Request request) {
    String last =
        request.turns().isEmpty() ? "" : request.turns().get(request.turns().size() - 1).text();
    String normalized = PhraseMatcher.normalize(last);
    for (Faq faq : TABLE) {
      if (faq.spanish().stream()
          .anyMatch(keyword -> PhraseMatcher.containsWords(normalized, keyword))) {
        return new Reply(faq.answerEs(), null, MODEL, null, null, null);
      }
      if (faq.english().stream()
          .anyMatch(keyword -> PhraseMatcher.containsWords(normalized, keyword))) {
        return new Reply(faq.answerEn(), null, MODEL, null, null, null);
      }
    }
    return new Reply(GENERIC_ES, null, MODEL, null, null, null);
  }
}
