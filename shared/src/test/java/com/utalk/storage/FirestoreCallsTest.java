package com.utalk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.cloud.firestore.Firestore;
import com.utalk.errors.InternalException;
import com.utalk.errors.ValidationException;
import com.utalk.metrics.Metrics;
import com.utalk.testing.TestEnvironment;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the real emulator answers, classified: refused input is a 400, a bug a 500, neither an
 * outage.
 */
class FirestoreCallsTest {
  private static final Pattern DB_ERRORS =
      Pattern.compile("^db_errors_total\\{[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);
  private static TestEnvironment env;

  @BeforeAll
  static void start() {
    env = TestEnvironment.create();
  }

  @AfterAll
  static void stop() throws Exception {
    env.close();
  }

  @Test
  void valuesFirestoreRefusesAreTheCallersInputAndNotAnOutage() {
    Firestore firestore = env.firestore();
    double before = databaseErrors();
    assertThrows(
        ValidationException.class,
        () -> FirestoreCalls.await(firestore.collection("probe").document("__reserved__").get()));
    assertThrows(
        ValidationException.class,
        () ->
            FirestoreCalls.await(
                firestore.collection("probe").document("x".repeat(1600)).set(Map.of("a", 1))));
    assertEquals(before, databaseErrors(), "refused input is not counted as a database error");
  }

  @Test
  void aStoreThatAnsweredNoIsABugNotAnOutage() {
    double before = databaseErrors();
    assertThrows(
        InternalException.class,
        () ->
            FirestoreCalls.await(
                env.firestore().collection("probe").document("never-written").update("a", 1)));
    assertEquals(before, databaseErrors());
  }

  private static double databaseErrors() {
    Matcher matcher = DB_ERRORS.matcher(Metrics.get().scrape());
    double total = 0;
    while (matcher.find()) {
      total += Double.parseDouble(matcher.group(1));
    }
    return total;
  }
}
