package com.utalk.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command-line tools the checks need (terraform, node) and returns what they said. */
public final class Tools {
  /** Exit code and combined output of one run. */
  public record Run(int exitCode, String stdout, String stderr) {}

  private Tools() {}

  public static Run run(Path workingDirectory, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
      // stderr on its own thread: a full pipe would block the tool.
      StringBuilder stderr = new StringBuilder();
      Thread errors =
          new Thread(
              () -> {
                try {
                  stderr.append(
                      new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                  // the process died; its exit code tells
                }
              });
      errors.start();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = process.waitFor();
      errors.join();
      return new Run(code, stdout, stderr.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not run " + command.get(0) + " (is it installed and on PATH?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code node <script> args...} in terraform/checks/node, failing on a non-zero exit. */
  public static String node(Path nodeDir, String script, List<String> args) {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(args);
    Run run = run(nodeDir, command);
    if (run.exitCode() != 0) {
      throw new IllegalStateException(
          "node " + script + " failed (" + run.exitCode() + "): " + run.stderr());
    }
    return run.stdout();
  }
}
