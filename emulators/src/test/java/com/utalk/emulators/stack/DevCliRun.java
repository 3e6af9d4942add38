package com.utalk.emulators.stack;

import com.utalk.config.Settings;
import com.utalk.logging.LogSetup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code emulators/dev <args>} run in this JVM against a test's settings (its own run folder and
 * ports): the exit status and what the command printed on stdout and stderr, as a terminal would
 * show them.
 */
record DevCliRun(int exitCode, String out, String err) {
  static synchronized DevCliRun of(Map<String, String> settings, String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = DevCli.run(Settings.of(settings), args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
      // one-shot commands point the log at the (captured) stderr: give it back to the real one
      LogSetup.install(Settings.of(Map.of()));
    }
    return new DevCliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
