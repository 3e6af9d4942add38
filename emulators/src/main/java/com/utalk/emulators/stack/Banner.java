package com.utalk.emulators.stack;

import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import com.utalk.platform.FunctionTrigger;
import java.io.PrintStream;

/** The "it is up, here is where everything is" summary printed by {@code up}. */
final class Banner {
  private Banner() {}

  static void print(StackConfig config, StackState state, PrintStream out) {
    out.println();
    out.println("UTalk local stack is up (launcher pid " + state.supervisorPid() + ")");
    for (StackState.Part part : state.parts()) {
      String extra =
          part.external()
              ? "  (already running, reused)"
              : part.pid() != null ? "  pid " + part.pid() : "";
      out.printf("  %-26s %-10s %s%s%n", part.name(), part.kind(), part.address(), extra);
    }
    out.println("  routes:");
    for (FunctionSpec function : FunctionCatalog.FUNCTIONS) {
      String trigger =
          function.trigger() instanceof FunctionTrigger.Http http
              ? config.gatewayUrl() + http.path() + (http.prefix() ? "/**" : "")
              : function.trigger() instanceof FunctionTrigger.Firestore firestore
                  ? "Firestore "
                      + firestore.documentPattern()
                      + " ("
                      + firestore.eventType().substring(firestore.eventType().lastIndexOf('.') + 1)
                      + ")"
                  : "Pub/Sub topic " + ((FunctionTrigger.PubSub) function.trigger()).topic();
      out.printf("    %-26s <- %s%n", function.name(), trigger);
    }
    out.println(
        "  metrics: curl -s "
            + config.gatewayUrl()
            + "/metrics   (every process, label service=<name>)");
    out.println("  logs: " + config.repoRoot().relativize(config.logDir()) + "/<name>.log");
    out.println("  try:  emulators/dev simulate-inbound --from +5215512345678 --body hola");
    out.println("        curl -s " + config.twilioBaseUrl() + "/_standin/sends");
    out.println();
    out.flush();
  }
}
