package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code emulators/dev} itself: the command list on a wrong call, and {@code env}'s output. */
class DevCliTest {
  private static final Map<String, String> STACK =
      Map.of("UTALK_GATEWAY_PORT", "18080", "UTALK_TWILIO_STANDIN_PORT", "18790");

  @Test
  void noCommandOrAnUnknownOnePrintsTheCommandsAndExits2() {
    for (String[] args : List.of(new String[0], new String[] {"start"})) {
      DevCliRun run = DevCliRun.of(STACK, args);

      assertEquals(2, run.exitCode(), run.toString());
      assertEquals("", run.out());
      assertTrue(run.err().startsWith("usage: emulators/dev <command>\n"), run.err());
      for (String command :
          List.of("up [--detach]", "down", "status", "simulate-inbound --from +E164", "restore")) {
        assertTrue(run.err().contains("\n  " + command), command + " is listed: " + run.err());
      }
    }
  }

  @Test
  void envPrintsTheStacksClientVariablesAsKeyValueLines() {
    DevCliRun run = DevCliRun.of(STACK, "env");

    assertEquals(0, run.exitCode(), run.toString());
    List<String> lines = run.out().lines().toList();
    assertEquals(
        List.copyOf(StackConfig.from(com.utalk.config.Settings.of(STACK)).clientEnv().keySet()),
        lines.stream().map(line -> line.substring(0, line.indexOf('='))).toList());
    assertTrue(lines.contains("GATEWAY_URL=http://127.0.0.1:18080"), run.out());
    assertTrue(lines.contains("TWILIO_API_BASE_URL=http://127.0.0.1:18790"), run.out());
    assertTrue(lines.contains("GOOGLE_CLOUD_PROJECT=utalk-local"), run.out());
  }
}
