package com.utalk.emulators.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * Lines of a process that speaks for several parts (the functions host) go to each part's own
   * log.
   */
  private final Set<String> parts;

  /** A restarted process appends to its logs instead of replacing what its predecessor wrote. */
  private final boolean appendLog;

  private ManagedProcess(
      String name, Process process, Path logFile, Set<String> parts, boolean appendLog) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.parts = parts;
    this.appendLog = appendLog;
  }

  static ManagedProcess start(
      String name,
      List<String> command,
      Map<String, String> env,
      Path logFile,
      ReadableLog console) {
    return start(name, command, env, logFile, console, Set.of(), false);
  }

  /**
   * {@code parts}: the names a JSON log line's {@code service} may carry; such a line is written to
   * {@code <part>.log} beside {@code logFile} and shown under the part's name, the rest as this
   * process's.
   */
  static ManagedProcess start(
      String name,
      List<String> command,
      Map<String, String> env,
      Path logFile,
      ReadableLog console,
      Set<String> parts,
      boolean appendLog) {
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(env);
      ManagedProcess managed = new ManagedProcess(name, builder.start(), logFile, parts, appendLog);
      Thread pump = new Thread(() -> managed.pump(console), "log-" + name);
      pump.setDaemon(true);
      pump.start();
      return managed;
    } catch (IOException e) {
      throw new StartupFailure(
          name + " could not be started (" + command.get(0) + "): " + e.getMessage());
    }
  }

  private void pump(ReadableLog console) {
    Map<String, Writer> logs = new HashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      logs.put(name, open(logFile));
      String line;
      while ((line = in.readLine()) != null) {
        String part = partOf(line);
        Writer log = logs.get(part);
        if (log == null) {
          log = open(logFile.resolveSibling(part + ".log"));
          logs.put(part, log);
        }
        log.write(line);
        log.write('\n');
        log.flush();
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
        console.line(part, line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (Writer log : logs.values()) {
        try {
          log.close();
        } catch (IOException e) {
          // the process is gone; nothing more to write
        }
      }
    }
  }

  private Writer open(Path file) throws IOException {
    return appendLog
        ? Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
        : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  private static final Pattern SERVICE = Pattern.compile("\"service\":\"([^\"]+)\"");

  /**
   * The part a line belongs to: the {@code service} of a JSON log line, if it is one of {@link
   * #parts}.
   */
  private String partOf(String line) {
    if (parts.isEmpty() || !line.startsWith("{")) {
      return name;
    }
    Matcher service = SERVICE.matcher(line);
    return service.find() && parts.contains(service.group(1)) ? service.group(1) : name;
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
