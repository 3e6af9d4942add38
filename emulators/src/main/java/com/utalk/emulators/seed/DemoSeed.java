package com.utalk.emulators.seed;

import com.google.cloud.firestore.Firestore;
import com.utalk.auth.users.DemoUsers;
import com.utalk.workspace.Workspace;
import com.utalk.workspace.WorkspaceDirectory;
import java.time.Clock;
import java.util.List;

/**
 * The data a fresh local stack needs to be useful: the {@code demo} workspace owning the Twilio
 * sandbox number, so that an inbound message to that number has somewhere to land.
 */
public final class DemoSeed {
  public static final String WORKSPACE_ID = "demo";
  public static final String WORKSPACE_NAME = "Demo Workspace";

  /** Twilio's WhatsApp sandbox number: what a developer's phone would message in a real sandbox. */
  public static final String WHATSAPP_NUMBER = "+14155238886";

  private DemoSeed() {}

  public static Workspace workspace() {
    return new Workspace(WORKSPACE_ID, WORKSPACE_NAME, List.of(WHATSAPP_NUMBER));
  }

  /**
   * Creates or overwrites the demo workspace and its number claim, and one user per role ({@link
   * DemoUsers}); running it twice is harmless.
   */
  public static Workspace seed(Firestore firestore) {
    Workspace workspace = workspace();
    new WorkspaceDirectory(firestore, Clock.systemUTC()).save(workspace);
    DemoUsers.seed(firestore, WORKSPACE_ID);
    return workspace;
  }
}
