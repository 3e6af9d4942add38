package com.utalk.ops.cli;

import java.io.PrintStream;

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

  static Confirmation console(PrintStream prompt) {
    return change -> {
      java.io.Console console = System.console();
      if (console == null) {
        prompt.println(
            "would change: " + change + " (not applied: no terminal to confirm on; pass --yes)");
        return false;
      }
      prompt.print("change: " + change + "\napply? [y/N] ");
      prompt.flush();
      String answer = console.readLine();
      return answer != null
          && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    };
  }
}
