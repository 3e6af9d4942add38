package com.utalk.emulators.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A child process of the launcher. Its output (stderr merged) is copied verbatim to its own log
 * file and, made readable, to the console; the last lines are kept to explain a failed start.
 */
final class ManagedProcess {
  private static final int TAIL_LINES = 30;

  private final String name;
  private final Process process;
  private final Path logFile;
  private final Deque<String> tail = new ArrayDeque<>();

  private ManagedProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path logFile, ReadableLog console) {
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(env);
      ManagedProcess managed = new ManagedProcess(name, builder.start(), logFile);
      Thread pump = new Thread(() -> managed.pump(console), "log-" + name);
      pump.setDaemon(true);
      pump.start();
      return managed;
    } catch (IOException e) {
      throw new StartupFailure(name + " could not be started (" + command.get(0) + "): " + e.getMessage());
    }
  }

  private void pump(ReadableLog console) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        log.write(line);
        log.write('\n');
        log.flush();
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
        console.line(name, line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name() {
    return name;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  long pid() {
    return process.pid();
  }

  Path logFile() {
    return logFile;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitCode() {
    return process.exitValue();
  }

  /** The last lines it printed, to put in a start-up failure message. */
  String tail() {
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }

  void stop(Duration grace) {
    ProcessTree.stop(process.toHandle(), grace);
  }
}
