package com.utalk.ops.release;

import com.utalk.emulators.stack.LocalReleases;
import com.utalk.emulators.stack.StackConfig;
import com.utalk.emulators.stack.StackControl;
import java.util.Map;

/**
 * The local stack as a deployment. Deploying records the version's runnable artifacts from the
 * build on disk ({@link LocalReleases}: {@code <run>/releases/<version>/}, copies a later build
 * cannot change), makes it the current release and restarts the stack's service processes (the
 * functions host and the realtime service), which start from the current release and report its
 * version (stamped on their class path). Rolling back makes the previous release current and
 * restarts them the same way: the previous version's own classes serve again, and {@code /health}
 * says so.
 */
public final class LocalDeployment implements Deployment {
  /**
   * The stack's parts to restart: "api" stands for the functions host (every function shares its
   * process).
   */
  static final String[] SERVICES = {"api", "realtime-service"};

  private final StackConfig config;
  private final String version;
  private final Map<String, String> settings;

  /**
   * @param settings release-level settings recorded in the version's manifest (e.g. a rehearsal's
   *     RELEASE_FAULT)
   */
  public LocalDeployment(StackConfig config, String version, Map<String, String> settings) {
    this.config = config;
    this.version = version;
    this.settings = Map.copyOf(settings);
  }

  @Override
  public String deploy() throws Exception {
    LocalReleases releases = LocalReleases.of(config);
    LocalReleases.Release release = releases.record(version, settings);
    LocalReleases.Manifest manifest = releases.deploy(version);
    return "release "
        + version
        + " in "
        + releases.dir(version)
        + " ("
        + release.files().size()
        + " files"
        + (release.settings().isEmpty() ? "" : ", settings " + release.settings())
        + "), previous "
        + (manifest.previous() == null ? "none" : manifest.previous())
        + "; "
        + restartAll();
  }

  @Override
  public Rollback rollback() throws Exception {
    LocalReleases releases = LocalReleases.of(config);
    String from = releases.manifest().current();
    LocalReleases.Manifest after = releases.rollback();
    return new Rollback(
        from,
        after.current(),
        "release "
            + after.current()
            + " serves again from "
            + releases.dir(after.current())
            + " ("
            + from
            + " taken back); "
            + restartAll());
  }

  private String restartAll() throws InterruptedException {
    StringBuilder done = new StringBuilder();
    for (String service : SERVICES) {
      done.append(done.length() == 0 ? "" : "; ").append(StackControl.restart(config, service));
    }
    return done.toString();
  }
}
