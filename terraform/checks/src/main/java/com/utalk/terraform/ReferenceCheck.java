package com.utalk.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What `terraform validate` checks across files and modules, without the provider: every {@code
 * var.}, {@code local.}, {@code module.<m>.<output>}, {@code data.<t>.<n>} and resource reference
 * names something declared in its module; every module call passes only variables the called module
 * declares and every variable it declares without a default.
 */
public final class ReferenceCheck {
  private static final Pattern VAR = Pattern.compile("(?<![\\w.])var\\.([a-zA-Z_][\\w-]*)");
  private static final Pattern LOCAL = Pattern.compile("(?<![\\w.])local\\.([a-zA-Z_][\\w-]*)");
  private static final Pattern MODULE_OUTPUT =
      Pattern.compile("(?<![\\w.])module\\.([a-zA-Z_][\\w-]*)\\.([a-zA-Z_][\\w-]*)");
  private static final Pattern DATA =
      Pattern.compile("(?<![\\w.])data\\.([a-z][\\w]*)\\.([a-zA-Z_][\\w-]*)");
  private static final Pattern RESOURCE =
      Pattern.compile("(?<![\\w./\"])(google_[a-z0-9_]+)\\.([a-zA-Z_][\\w-]*)");
  private static final Set<String> MODULE_META =
      Set.of("source", "version", "providers", "depends_on", "count", "for_each");

  /** What one module (a folder of .tf files) declares. */
  private record Declared(
      Set<String> variables,
      Set<String> requiredVariables,
      Set<String> locals,
      Set<String> outputs,
      Map<String, JsonNode> moduleCalls,
      Set<String> resources,
      Set<String> data) {}

  private ReferenceCheck() {}

  public static List<String> check(HclFiles files) {
    Set<Path> dirs = new TreeSet<>();
    files.parsed().keySet().stream()
        .filter(f -> f.toString().endsWith(".tf"))
        .forEach(f -> dirs.add(f.getParent()));
    List<String> problems = new ArrayList<>();
    for (Path dir : dirs) {
      Declared declared = declared(files, dir);
      String where = dir.getFileName().toString();
      for (JsonNode file : files.module(dir)) {
        expressions(
            file,
            expression -> {
              names(VAR, expression, 1).stream()
                  .filter(n -> !declared.variables().contains(n))
                  .forEach(n -> problems.add(where + ": var." + n + " is not declared"));
              names(LOCAL, expression, 1).stream()
                  .filter(n -> !declared.locals().contains(n))
                  .forEach(n -> problems.add(where + ": local." + n + " is not declared"));
              names(DATA, expression, 0).stream()
                  .filter(n -> !declared.data().contains(n))
                  .forEach(n -> problems.add(where + ": " + n + " is not declared"));
              names(RESOURCE, expression, 0).stream()
                  .filter(n -> !declared.resources().contains(n))
                  .forEach(n -> problems.add(where + ": resource " + n + " is not declared"));
              Matcher module = MODULE_OUTPUT.matcher(expression);
              while (module.find()) {
                JsonNode call = declared.moduleCalls().get(module.group(1));
                if (call == null) {
                  problems.add(where + ": module." + module.group(1) + " is not declared");
                  continue;
                }
                Declared target = declared(files, target(dir, call));
                if (!target.outputs().contains(module.group(2))) {
                  problems.add(
                      where + ": module " + module.group(1) + " has no output " + module.group(2));
                }
              }
            });
      }
      declared
          .moduleCalls()
          .forEach(
              (name, call) -> {
                Declared target = declared(files, target(dir, call));
                Set<String> passed = new HashSet<>();
                call.fieldNames().forEachRemaining(passed::add);
                passed.removeAll(MODULE_META);
                for (String argument : new TreeSet<>(passed)) {
                  if (!target.variables().contains(argument)) {
                    problems.add(where + ": module " + name + " has no variable " + argument);
                  }
                }
                for (String required : new TreeSet<>(target.requiredVariables())) {
                  if (!passed.contains(required)) {
                    problems.add(where + ": module " + name + " needs variable " + required);
                  }
                }
              });
    }
    return problems;
  }

  private static Path target(Path dir, JsonNode call) {
    return dir.resolve(call.path("source").asText()).normalize();
  }

  private static Declared declared(HclFiles files, Path dir) {
    Set<String> variables = new LinkedHashSet<>();
    Set<String> required = new LinkedHashSet<>();
    Set<String> locals = new LinkedHashSet<>();
    Set<String> outputs = new LinkedHashSet<>();
    Map<String, JsonNode> modules = new LinkedHashMap<>();
    Set<String> resources = new LinkedHashSet<>();
    Set<String> data = new LinkedHashSet<>();
    for (JsonNode file : files.module(dir)) {
      file.path("variable")
          .fields()
          .forEachRemaining(
              v -> {
                variables.add(v.getKey());
                if (!v.getValue().get(0).has("default")) {
                  required.add(v.getKey());
                }
              });
      file.path("locals").forEach(block -> block.fieldNames().forEachRemaining(locals::add));
      file.path("output").fieldNames().forEachRemaining(outputs::add);
      file.path("module")
          .fields()
          .forEachRemaining(m -> modules.put(m.getKey(), m.getValue().get(0)));
      file.path("resource")
          .fields()
          .forEachRemaining(
              t ->
                  t.getValue()
                      .fieldNames()
                      .forEachRemaining(n -> resources.add(t.getKey() + "." + n)));
      file.path("data")
          .fields()
          .forEachRemaining(
              t ->
                  t.getValue()
                      .fieldNames()
                      .forEachRemaining(n -> data.add("data." + t.getKey() + "." + n)));
    }
    return new Declared(variables, required, locals, outputs, modules, resources, data);
  }

  /** Every string that holds an expression, anywhere in a file. */
  private static void expressions(JsonNode node, Consumer<String> sink) {
    if (node.isTextual() && node.asText().contains("${")) {
      sink.accept(node.asText());
    } else if (node.isContainerNode()) {
      node.forEach(child -> expressions(child, sink));
    }
  }

  /** group 1 (or the whole match, for group 0) of every match. */
  private static Set<String> names(Pattern pattern, String expression, int group) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = pattern.matcher(expression);
    while (matcher.find()) {
      names.add(group == 0 ? matcher.group() : matcher.group(group));
    }
    return names;
  }
}
