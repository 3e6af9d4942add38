package com.utalk.ops.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
      if (System.console() == null) {
        prompt.println("would change: " + change + " (not applied: no terminal to confirm on; pass --yes)");
        return false;
      }
      prompt.print("change: " + change + "\napply? [y/N] ");
      prompt.flush();
      try {
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
      } catch (IOException e) {
        return false;
      }
    };
  }
}
