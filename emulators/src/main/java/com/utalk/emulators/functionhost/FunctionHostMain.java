package com.utalk.emulators.functionhost;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The local stack's functions, all in one JVM: every function gets a class loader of its own for
 * the project's classes (so its settings, singletons, metrics and lazily built clients are its own,
 * as in a deployment of its own), over one shared loader for the third-party libraries and the
 * Functions Framework invoker (loaded once instead of once per function). Each function runs its
 * own invoker (Jetty) on its own port.
 *
 * <p>{@code --libraries CP --project CP --function name=entryPoint@port,metricsPort ...}. This
 * class uses the JDK only: it runs with nothing but its own classes on the class path.
 */
public final class FunctionHostMain {
  /** Tells the function's Settings and LogSetup that other functions share its JVM. */
  public static final String SHARED_JVM_SETTING = "FUNCTION_HOST_SHARED_JVM";

  static final String INVOKER = "com.google.cloud.functions.invoker.runner.Invoker";
  static final String SETTINGS = "com.utalk.config.Settings";

  private FunctionHostMain() {}

  public static void main(String[] args) throws Exception {
    String libraries = null;
    String project = null;
    List<HostedFunction> functions = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--libraries" -> libraries = args[i + 1];
        case "--project" -> project = args[i + 1];
        case "--function" -> functions.add(HostedFunction.parse(args[i + 1]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (libraries == null || project == null || functions.isEmpty()) {
      throw new IllegalArgumentException(
          "usage: --libraries CP --project CP --function name=entryPoint@port,metricsPort ...");
    }
    URLClassLoader shared =
        new URLClassLoader("libraries", urls(libraries), ClassLoader.getPlatformClassLoader());
    List<ClassLoader> loaders = new java.util.concurrent.CopyOnWriteArrayList<>();
    HostLog.install(loaders);
    Logger log = Logger.getLogger(FunctionHostMain.class.getName());
    long started = System.nanoTime();
    for (HostedFunction function : functions) {
      URLClassLoader loader = new URLClassLoader(function.name(), urls(project), shared);
      loaders.add(loader);
      start(function, loader, shared);
    }
    log.info(
        "functions host serving "
            + functions.size()
            + " functions after "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
    Thread.currentThread()
        .join(); // the invokers' threads serve; this one waits for the process to be stopped
  }

  /** Gives the function's own copy of Settings its environment, then starts its invoker. */
  private static void start(HostedFunction function, ClassLoader loader, ClassLoader shared)
      throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // Threads the function's libraries start from here inherit its loader: log lines find their
    // function.
    thread.setContextClassLoader(loader);
    try {
      loader
          .loadClass(SETTINGS)
          .getMethod("useEnvironmentOverrides", Map.class)
          .invoke(null, function.ownEnvironment());
      Object invoker =
          shared
              .loadClass(INVOKER)
              .getConstructor(Integer.class, String.class, String.class, ClassLoader.class)
              .newInstance(function.port(), function.entryPoint(), null, loader);
      invoker.getClass().getMethod("startTestServer").invoke(invoker);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static URL[] urls(String classpath) {
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(
            entry -> {
              try {
                return new File(entry).toURI().toURL();
              } catch (MalformedURLException e) {
                throw new IllegalArgumentException(entry, e);
              }
            })
        .toArray(URL[]::new);
  }
}
