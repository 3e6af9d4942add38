package com.utalk.ops.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.utalk.json.Json;
import java.io.PrintStream;

/**
 * The output: the verdict line first, then one indented evidence line each; with {@code --json} the
 * same as one JSON object ({@code command, action, env, requestId, outcome, verdict, cause, next,
 * evidence[{name,value}]}).
 */
public final class FindingPrinter {
  private FindingPrinter() {}

  public static void print(
      PrintStream out,
      boolean json,
      String command,
      String action,
      OpsContext context,
      Finding finding) {
    if (json) {
      out.println(Json.write(toJson(command, action, context, finding)));
      return;
    }
    out.println(finding.verdict());
    for (Evidence evidence : finding.evidence()) {
      out.println("  " + evidence.name() + ": " + evidence.value());
    }
    out.println("  requestId: " + context.requestId());
  }

  static ObjectNode toJson(String command, String action, OpsContext context, Finding finding) {
    ObjectNode node = Json.object();
    node.put("command", command);
    node.put("action", action);
    node.put("env", context.options().env());
    node.put("requestId", context.requestId());
    node.put("outcome", finding.outcome().name().toLowerCase(java.util.Locale.ROOT));
    node.put("exitCode", finding.outcome().exitCode());
    node.put("verdict", finding.verdict());
    if (finding.cause() != null) {
      node.put("cause", finding.cause());
    }
    if (finding.next() != null) {
      node.put("next", finding.next());
    }
    ArrayNode evidence = node.putArray("evidence");
    for (Evidence item : finding.evidence()) {
      evidence.addObject().put("name", item.name()).put("value", item.value());
    }
    return node;
  }
}
