package com.utalk.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees and must type before a runbook changes data: the change described, and only
 * {@code y} or {@code yes} applies it; with no terminal nothing is applied.
 */
class ConfirmationTest {
  private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
  private final PrintStream prompt = new PrintStream(shown, true, StandardCharsets.UTF_8);

  private boolean answer(String typed) {
    Supplier<String> line = () -> typed;
    return Confirmation.asking(prompt, () -> Optional.of(line)).confirm("restart realtime");
  }

  @Test
  void onlyYesApplies() {
    assertTrue(answer("y"));
    assertTrue(answer(" YES "));
    assertTrue(answer("Y"));
    assertFalse(answer("n"));
    assertFalse(answer(""), "Enter alone is the default: no");
    assertFalse(answer("yes please"));
    assertFalse(answer(null), "end of input");
    assertTrue(
        shown
            .toString(StandardCharsets.UTF_8)
            .startsWith("change: restart realtime\napply? [y/N] "),
        shown.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutATerminalNothingIsApplied() {
    assertFalse(Confirmation.asking(prompt, Optional::empty).confirm("delete the counter"));
    assertEquals(
        "would change: delete the counter (not applied: no terminal to confirm on; pass --yes)"
            + System.lineSeparator(),
        shown.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theTestsHaveNoTerminalSoTheConsoleNeverApplies() {
    // the JVM that runs tests has no console: exactly the scripted case
    assertFalse(Confirmation.console(prompt).confirm("rotate the key"));
    assertTrue(shown.toString(StandardCharsets.UTF_8).startsWith("would change: rotate the key"));
  }
}
