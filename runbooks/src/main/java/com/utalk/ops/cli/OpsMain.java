package com.utalk.ops.cli;

import com.utalk.config.Settings;
import com.utalk.logging.LogSetup;
import com.utalk.ops.environment.Targets;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code runbooks/ops <command> <action> [--env local|dev|staging|prod] [--json] [--yes] [--since
 * 15m] [options]}.
 *
 * <p>Exit codes: 0 OK (nothing wrong, or the fix left nothing to fix), 1 a problem was found (or a
 * fix did not bring the service back), 2 usage, 3 the checks could not run (target unreachable, no
 * credentials), 4 a change was not confirmed.
 */
public final class OpsMain {
  public static final int USAGE = 2;

  private OpsMain() {}

  public static void main(String[] args) {
    Settings settings = Settings.fromEnvironment();
    // the tool prints its own findings; library chatter on stderr only, and only warnings
    LogSetup.install(
        settings.with(
            Map.of("LOG_LEVEL", settings.get("LOG_LEVEL", "warn"), "SERVICE_NAME", "ops")),
        System.err);
    System.exit(run(Commands.all(), settings, Arrays.asList(args), System.out, System.err));
  }

  public static int run(
      List<OpsCommand> commands,
      Settings settings,
      List<String> args,
      PrintStream out,
      PrintStream err) {
    if (args.isEmpty() || List.of("-h", "--help", "help").contains(args.get(0))) {
      printHelp(commands, args.isEmpty() ? err : out);
      return args.isEmpty() ? USAGE : 0;
    }
    Optional<OpsCommand> command = Commands.find(commands, args.get(0));
    if (command.isEmpty()) {
      err.println("unknown command: " + args.get(0));
      printHelp(commands, err);
      return USAGE;
    }
    if (args.size() < 2 || List.of("-h", "--help").contains(args.get(1))) {
      printHelp(command.get(), args.size() < 2 ? err : out);
      return args.size() < 2 ? USAGE : 0;
    }
    Optional<OpsAction> action =
        command.get().actions().stream().filter(a -> a.name().equals(args.get(1))).findFirst();
    if (action.isEmpty()) {
      err.println("unknown action: " + command.get().name() + " " + args.get(1));
      printHelp(command.get(), err);
      return USAGE;
    }
    Options options;
    try {
      options = Options.parse(args.subList(2, args.size()));
    } catch (UsageException e) {
      err.println(e.getMessage());
      printHelp(command.get(), err);
      return USAGE;
    }
    Confirmation confirmation =
        options.yes() ? Confirmation.assumeYes() : Confirmation.console(err);
    String operator = settings.get("OPS_OPERATOR", settings.get("USER", "unknown"));
    String requestId = "ops-" + UUID.randomUUID();
    try (OpsContext context =
        new OpsContext(
            options,
            () -> Targets.open(options, settings),
            confirmation,
            operator,
            requestId,
            Clock.systemUTC())) {
      Finding finding;
      try {
        finding = action.get().run(context);
      } catch (UsageException e) {
        err.println(e.getMessage());
        printHelp(command.get(), err);
        return USAGE;
      } catch (Exception e) {
        finding =
            Finding.unknown(
                "could not check: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                "check that the environment answers (local: emulators/dev status) and the credentials",
                List.of());
      }
      FindingPrinter.print(
          out, options.json(), command.get().name(), action.get().name(), context, finding);
      return finding.outcome().exitCode();
    }
  }

  static void printHelp(List<OpsCommand> commands, PrintStream out) {
    out.println(
        "usage: runbooks/ops <command> <action> [--env local|dev|staging|prod] [--json] [--yes] [--since 15m] [options]");
    out.println();
    for (OpsCommand command : commands) {
      out.println("  " + pad(command.name(), 12) + command.summary());
      for (OpsAction action : command.actions()) {
        out.println("    " + pad(action.name(), 10) + action.summary());
      }
    }
    out.println();
    out.println(
        "Exit codes: 0 OK, 1 problem found (or fix did not help), 2 usage, 3 could not check, 4 change not confirmed.");
    out.println(
        "A fix that changes data asks first (or --yes), is written to auditLogs, and does nothing when run again.");
  }

  static void printHelp(OpsCommand command, PrintStream out) {
    printHelp(List.of(command), out);
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
  }
}
