package com.utalk.emulators.stack;

import com.utalk.platform.FunctionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A process of the local stack that serves HTTP on {@code port}: a function in the Functions
 * Framework invoker, or a module's own main class. {@code problem} is non-null when it cannot be
 * started (not built yet), so the launcher can say so before starting anything.
 *
 * <p>{@code probeWithGet}: readiness is "a GET answers, whatever the status". An event-triggered
 * function cannot take a GET (the invoker logs an error with a stack trace for it), so for those
 * readiness is "the port accepts connections", which the invoker does only once the function
 * class is loaded.
 */
record ServiceSpec(
    String name, String kind, int port, List<String> command, Map<String, String> env, boolean probeWithGet, String problem) {
  private static final String INVOKER_MAIN = "com.google.cloud.functions.invoker.runner.Invoker";

  /** {@code java -cp functions/target/classes:<its runtime classpath>:<invoker jar> Invoker --target … --port …}. */
  static ServiceSpec function(FunctionSpec function, StackConfig config) {
    int port = config.functionPort(function);
    Path module = config.repoRoot().resolve("functions");
    Path classes = module.resolve("target/classes");
    String problem = null;
    Path entryClass = classes.resolve(function.entryPoint().replace('.', '/') + ".class");
    if (!Files.isRegularFile(entryClass)) {
      problem = function.entryPoint() + " is not built (no " + config.repoRoot().relativize(entryClass) + ")";
    }
    List<String> classpath = new ArrayList<>();
    classpath.add(classes.toString());
    classpath.addAll(runtimeClasspath(module));
    classpath.add(invokerJar());
    List<String> command = java(config, classpath);
    command.addAll(List.of(INVOKER_MAIN, "--target", function.entryPoint(), "--port", Integer.toString(port)));
    return new ServiceSpec(function.name(), "function", port, command, config.serviceEnv(function.name(), port), function.isHttp(), problem);
  }

  /**
   * A module with its own main (e.g. the realtime service): {@code module/target/classes} plus the
   * {@code target/runtime-classpath.txt} its pom writes with maven-dependency-plugin build-classpath.
   */
  static ServiceSpec jvmModule(String name, String moduleDir, String mainClass, int port, StackConfig config, String... args) {
    Path module = config.repoRoot().resolve(moduleDir);
    Path classes = module.resolve("target/classes");
    String problem = null;
    if (!Files.isRegularFile(classes.resolve(mainClass.replace('.', '/') + ".class"))) {
      problem = mainClass + " is not built (no " + moduleDir + "/target/classes)";
    } else if (!Files.isRegularFile(module.resolve("target/runtime-classpath.txt"))) {
      problem = moduleDir + "/target/runtime-classpath.txt is missing (its pom must run dependency:build-classpath)";
    }
    List<String> classpath = new ArrayList<>();
    classpath.add(classes.toString());
    classpath.addAll(runtimeClasspath(module));
    List<String> command = java(config, classpath);
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    return new ServiceSpec(name, "service", port, command, config.serviceEnv(name, port), true, problem);
  }

  /** The same service with its classpath's project entries replaced by snapshot copies. */
  ServiceSpec withSnapshot(ClasspathSnapshot snapshot) {
    List<String> snapshotted = new ArrayList<>(command);
    int cp = snapshotted.indexOf("-cp") + 1;
    snapshotted.set(cp, snapshot.apply(snapshotted.get(cp)));
    return new ServiceSpec(name, kind, port, snapshotted, env, probeWithGet, problem);
  }

  private static List<String> java(StackConfig config, List<String> classpath) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(config.serviceJvmOptions().trim().split("\\s+")));
    command.add("-cp");
    command.add(String.join(":", classpath));
    return command;
  }

  private static List<String> runtimeClasspath(Path module) {
    Path file = module.resolve("target/runtime-classpath.txt");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      String text = Files.readString(file).trim();
      return text.isEmpty() ? List.of() : Arrays.asList(text.split(":"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The invoker jar is on this JVM's classpath (emulators depends on it), the same version we test with. */
  private static String invokerJar() {
    return Arrays.stream(System.getProperty("java.class.path").split(":"))
        .filter(entry -> entry.contains("java-function-invoker"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("java-function-invoker is not on the launcher's classpath"));
  }
}
