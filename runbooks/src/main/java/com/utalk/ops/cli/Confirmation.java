package com.utalk.ops.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks before a change: {@code --yes} answers for the operator; otherwise the change is described
 * on stderr and only a typed {@code y}/{@code yes} applies it. Without a terminal and without
 * {@code --yes} nothing is changed (a script must say --yes to change data).
 */
public interface Confirmation {
  boolean confirm(String change);

  static Confirmation assumeYes() {
    return change -> true;
  }

  /** The operator's terminal ({@link System#console()}), looked for when a change is asked. */
  static Confirmation console(PrintStream prompt) {
    return asking(
        prompt,
        () ->
            Optional.ofNullable(System.console())
                .map(console -> (Supplier<String>) console::readLine));
  }

  /**
   * {@code terminal}: where the operator answers, if there is one — a line, null at the end of
   * input.
   */
  static Confirmation asking(PrintStream prompt, Supplier<Optional<Supplier<String>>> terminal) {
    return change -> {
      Optional<Supplier<String>> answers = terminal.get();
      if (answers.isEmpty()) {
        prompt.println(
            "would change: " + change + " (not applied: no terminal to confirm on; pass --yes)");
        return false;
      }
      prompt.print("change: " + change + "\napply? [y/N] ");
      prompt.flush();
      String answer = answers.get().get();
      return answer != null
          && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    };
  }
}
