package com.utalk.flags;

import java.util.List;

/**
 * The flags of the operations document, created on first start when missing (an admin's later
 * changes are kept): {@code new-ui} at 100% of workspaces, {@code ai-enhancements} at 0% (what it
 * switches on in the bot: {@code BotService}), {@code beta-features} for an allow-list of users
 * only.
 */
public final class SeedFlags {
  public static final String NEW_UI = "new-ui";
  public static final String AI_ENHANCEMENTS = "ai-enhancements";
  public static final String BETA_FEATURES = "beta-features";

  private SeedFlags() {}

  public static List<FlagDefinition> all() {
    return List.of(
        new FlagDefinition(
            NEW_UI,
            "Nueva interfaz de usuario",
            FlagTargeting.WORKSPACE,
            100,
            List.of(),
            false,
            null,
            "seed"),
        new FlagDefinition(
            AI_ENHANCEMENTS,
            "Mejoras en IA: the bot tells the model the current date and time and to answer in the customer's language",
            FlagTargeting.WORKSPACE,
            0,
            List.of(),
            false,
            null,
            "seed"),
        new FlagDefinition(
            BETA_FEATURES,
            "Características beta",
            FlagTargeting.USER,
            0,
            List.of("user1@example.com", "user2@example.com"),
            false,
            null,
            "seed"));
  }
}
