package com.utalk.functions.bot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.audit.AuditLog;
import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Principal;
import com.utalk.auth.Role;
import com.utalk.flags.FlagAdministration;
import com.utalk.flags.FlagChange;
import com.utalk.flags.SeedFlags;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ai-enhancements flag gates what the bot tells the model: off (the operations reference's 0%)
 * the configured prompt only; on for the workspace, the date and the
 * answer-in-the-customer's-language line. The bot instance refreshes its flags every second here
 * (FLAGS_REFRESH_SECONDS=1).
 */
class AiEnhancementsTest {
  private static BotStack bot;
  private static FlagAdministration flags;
  private static final String MARKER = "Current date and time (UTC):";

  @BeforeAll
  static void start() {
    bot = new BotStack(Map.of("FLAGS_REFRESH_SECONDS", "1"));
    flags =
        new FlagAdministration(
            bot.backend.firestore(),
            new AuditLog(bot.backend.firestore(), Clock.systemUTC()),
            new PermissionPolicy(),
            bot.backend.flags(),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    bot.close();
  }

  private static String lastConversation;

  private String systemPromptOfReplyTo(String phone, String body) throws Exception {
    bot.model.reset();
    bot.model.replyWith("Claro.");
    BotStack.Inbound inbound = bot.customerWrites(phone, body);
    lastConversation = inbound.conversationId();
    bot.runBot(inbound);
    return bot.model.requests().get(0).lastContent("system");
  }

  @Test
  void theFlagAddsTheDateAndLanguageInstructionOnlyWhereItIsOn() throws Exception {
    String phone = "+5215520009001";
    String before = systemPromptOfReplyTo(phone, "¿Abren hoy?");
    assertTrue(before.startsWith(BotStack.SYSTEM_PROMPT));
    assertFalse(before.contains(MARKER), "ai-enhancements is seeded at 0%");

    String workspace = bot.doc("conversations", lastConversation).getString("workspaceId");
    Principal admin = new Principal("admin-ai", Role.ADMIN, workspace, "jti");
    flags.change(
        admin,
        SeedFlags.AI_ENHANCEMENTS,
        new FlagChange(null, null, null, List.of(workspace), null),
        "req-ai-1");
    Thread.sleep(1_200);
    String enhanced = systemPromptOfReplyTo(phone, "¿Y mañana?");
    assertTrue(enhanced.startsWith(BotStack.SYSTEM_PROMPT) && enhanced.contains(MARKER), enhanced);

    flags.change(
        admin, SeedFlags.AI_ENHANCEMENTS, new FlagChange(null, null, null, null, true), "req-ai-2");
    Thread.sleep(1_200);
    assertFalse(
        systemPromptOfReplyTo(phone, "¿Y el lunes?").contains(MARKER),
        "the kill switch turns it off again");
  }
}
