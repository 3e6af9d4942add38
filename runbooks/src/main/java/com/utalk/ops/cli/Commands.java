package com.utalk.ops.cli;

import java.util.List;
import java.util.Optional;

/** Every command family of {@code runbooks/ops}, in {@code --help} order: one line each. */
public final class Commands {
  private Commands() {}

  public static List<OpsCommand> all() {
    return List.of(
        new com.utalk.ops.runbooks.whatsapp.WhatsAppRunbook(),
        new com.utalk.ops.runbooks.realtime.RealtimeRunbook(),
        new com.utalk.ops.runbooks.login.LoginRunbook(),
        new com.utalk.ops.runbooks.media.MediaRunbook(),
        new com.utalk.ops.runbooks.escalation.EscalationRunbook(),
        new com.utalk.ops.runbooks.backup.BackupRunbook(),
        new com.utalk.ops.release.ReleaseCommand());
  }

  public static Optional<OpsCommand> find(List<OpsCommand> commands, String name) {
    return commands.stream().filter(command -> command.name().equals(name)).findFirst();
  }
}
