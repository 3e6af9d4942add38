package com.utalk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JaCoCo agent for the JVMs a test starts itself (a realtime process, the local stack), so that
 * the code they run counts in the coverage report like the code run in the test's own JVM. The
 * build passes the option as {@code utalk.test.childJvmAgent} (the root pom's second JaCoCo agent:
 * {@code target/jacoco-children.exec}, appended to by every child); without coverage it is absent.
 */
public final class ChildJvm {
  private static final Pattern DEST_FILE = Pattern.compile("destfile=([^,\"]+)");
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private ChildJvm() {}

  /** The {@code -javaagent:…} option, or nothing when this build measures no coverage. */
  public static List<String> coverageAgent() {
    String agent = System.getProperty("utalk.test.childJvmAgent", "").trim();
    if (agent.isEmpty() || agent.contains("${")) {
      return List.of();
    }
    if (STARTED.compareAndSet(false, true)) {
      forgetEarlierRuns(agent);
    }
    return List.of(agent);
  }

  /** The same as one string, for the stack's UTALK_EXTRA_JVM_OPTS. */
  public static String coverageAgentOption() {
    return String.join(" ", coverageAgent());
  }

  /** The children append to one file; this run's figures must not include an earlier run's. */
  private static void forgetEarlierRuns(String agent) {
    Matcher destFile = DEST_FILE.matcher(agent);
    if (destFile.find()) {
      try {
        Files.deleteIfExists(Path.of(destFile.group(1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
