package com.utalk.emulators.stack;

import com.utalk.emulators.functionhost.HostedFunction;
import com.utalk.platform.FunctionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A process of the local stack and the HTTP endpoints it serves: the functions host (one endpoint
 * per function) or a module's own main class. {@code problem} is non-null when it cannot be started
 * (not built yet), so the launcher can say so before starting anything.
 */
record ServiceSpec(
    String name,
    List<String> command,
    Map<String, String> env,
    List<Endpoint> endpoints,
    String problem) {
  private static final String HOST_MAIN = "com.utalk.emulators.functionhost.FunctionHostMain";

  /** Flags whose value is a class path that the launcher's snapshot must rewrite. */
  private static final Set<String> CLASSPATH_FLAGS = Set.of("-cp", "--libraries", "--project");

  /**
   * One endpoint of a process. {@code probeWithGet}: readiness is "a GET answers, whatever the
   * status". An event-triggered function cannot take a GET (the invoker logs an error with a stack
   * trace for it), so for those readiness is "the port accepts connections", which the invoker does
   * only once the function class is loaded.
   */
  record Endpoint(String name, String kind, int port, boolean probeWithGet) {}

  /**
   * Every function of the catalog in one JVM ({@code FunctionHostMain}): the third-party class path
   * once, the project's classes once per function. The host's own class path is the launcher's
   * classes only (it uses the JDK alone).
   */
  static ServiceSpec functionsHost(
      List<FunctionSpec> functions, StackConfig config, ModuleBuild build) {
    Path classes = build.classes();
    String problem =
        build.problem() != null
            ? build.problem()
            : functions.stream()
                .map(
                    function -> classes.resolve(function.entryPoint().replace('.', '/') + ".class"))
                .filter(entryClass -> !Files.isRegularFile(entryClass))
                .findFirst()
                .map(entryClass -> "not built (no " + shown(entryClass, config) + ")")
                .orElse(null);
    List<String> project = new ArrayList<>();
    List<String> libraries = new ArrayList<>(build.libraries());
    project.add(classes.toString());
    project.addAll(build.project());
    libraries.add(invokerJar());
    List<String> command = java(config.functionsHostJvmOptions(), List.of(launcherClasses()));
    command.add(HOST_MAIN);
    command.addAll(
        List.of(
            "--libraries", String.join(":", libraries), "--project", String.join(":", project)));
    List<Endpoint> endpoints = new ArrayList<>();
    for (FunctionSpec function : functions) {
      int port = config.functionPort(function);
      command.addAll(
          List.of(
              "--function",
              new HostedFunction(
                      function.name(), function.entryPoint(), port, config.metricsPort(function))
                  .format()));
      endpoints.add(new Endpoint(function.name(), "function", port, function.isHttp()));
    }
    // What every function shares; K_SERVICE, PORT and METRICS_PORT are each function's own, set by
    // the host.
    Map<String, String> env = new LinkedHashMap<>(config.serviceEnv("functions-host", 0));
    env.keySet().removeAll(Set.of("K_SERVICE", "SERVICE_NAME", "PORT"));
    env.putAll(build.env());
    return new ServiceSpec("functions-host", command, env, endpoints, problem);
  }

  /**
   * A module with its own main (e.g. the realtime service), started from {@code build}'s class
   * path.
   */
  static ServiceSpec jvmModule(
      String name,
      String mainClass,
      int port,
      StackConfig config,
      ModuleBuild build,
      String... args) {
    String problem = build.problem();
    if (problem == null
        && !Files.isRegularFile(build.classes().resolve(mainClass.replace('.', '/') + ".class"))) {
      problem = mainClass + " is not built (no " + shown(build.classes(), config) + ")";
    }
    List<String> command = java(config.serviceJvmOptions(), build.classpath());
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    Map<String, String> env = new LinkedHashMap<>(config.serviceEnv(name, port));
    env.putAll(build.env());
    return new ServiceSpec(
        name, command, env, List.of(new Endpoint(name, "service", port, true)), problem);
  }

  private static Path shown(Path path, StackConfig config) {
    return path.startsWith(config.repoRoot()) ? config.repoRoot().relativize(path) : path;
  }

  /** The same service with its class paths' project entries replaced by snapshot copies. */
  ServiceSpec withSnapshot(ClasspathSnapshot snapshot) {
    List<String> snapshotted = new ArrayList<>(command);
    for (int i = 0; i + 1 < snapshotted.size(); i++) {
      if (CLASSPATH_FLAGS.contains(snapshotted.get(i))) {
        snapshotted.set(i + 1, snapshot.apply(snapshotted.get(i + 1)));
      }
    }
    return new ServiceSpec(name, snapshotted, env, endpoints, problem);
  }

  private static List<String> java(String jvmOptions, List<String> classpath) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
    command.add("-cp");
    command.add(String.join(":", classpath));
    return command;
  }

  /** Where the launcher's own classes are (the functions host is one of them). */
  private static String launcherClasses() {
    try {
      return Path.of(ServiceSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The invoker jar is on this JVM's classpath (emulators depends on it), the same version we test
   * with.
   */
  private static String invokerJar() {
    return Arrays.stream(System.getProperty("java.class.path").split(":"))
        .filter(entry -> entry.contains("java-function-invoker"))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "java-function-invoker is not on the launcher's classpath"));
  }
}
