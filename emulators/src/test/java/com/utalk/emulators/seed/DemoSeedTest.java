package com.utalk.emulators.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.utalk.messaging.PhoneNumber;
import com.utalk.testing.TestEnvironment;
import com.utalk.workspace.Workspace;
import com.utalk.workspace.WorkspaceDirectory;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoSeedTest {
  @Test
  void seedsTheDemoWorkspaceIdempotently() throws Exception {
    try (TestEnvironment env = TestEnvironment.create()) {
      seedPatiently(env);
      DemoSeed.seed(env.firestore());

      WorkspaceDirectory directory = new WorkspaceDirectory(env.firestore(), Clock.systemUTC());
      assertEquals(
          new Workspace("demo", "Demo Workspace", List.of("+14155238886")),
          directory.find("demo").orElseThrow());
      assertEquals(
          "demo", directory.workspaceForNumber(PhoneNumber.parse("+14155238886")).orElseThrow());
    }
  }

  /** A freshly started Firestore emulator can miss the client's 3 s deadline on its first calls. */
  private static void seedPatiently(TestEnvironment env) throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        DemoSeed.seed(env.firestore());
        return;
      } catch (com.utalk.errors.StorageUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }
}
