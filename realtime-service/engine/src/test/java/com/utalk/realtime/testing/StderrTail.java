package com.utalk.realtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Keeps the first 20,000 characters a child process writes on stderr, for failure messages. */
public final class StderrTail {
  private static final int LIMIT = 20_000;
  private final StringBuilder text = new StringBuilder();

  private StderrTail() {}

  /** Starts a daemon thread reading {@code process}'s stderr until it closes. */
  public static StderrTail of(Process process, String threadName) {
    StderrTail tail = new StderrTail();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  tail.append(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            threadName);
    reader.setDaemon(true);
    reader.start();
    return tail;
  }

  private synchronized void append(String line) {
    if (text.length() < LIMIT) {
      text.append(line).append('\n');
    }
  }

  @Override
  public synchronized String toString() {
    return text.toString();
  }
}
