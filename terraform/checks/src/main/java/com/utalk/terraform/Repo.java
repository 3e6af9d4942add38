package com.utalk.terraform;

import java.nio.file.Path;

/** Where things are in the repository (the build passes its root as utalk.repo.root). */
public record Repo(Path root) {
  public static Repo fromSystemProperty() {
    return new Repo(
        Path.of(System.getProperty("utalk.repo.root", "../..")).toAbsolutePath().normalize());
  }

  public Path terraform() {
    return root.resolve("terraform");
  }

  public Path modules() {
    return terraform().resolve("modules");
  }

  public Path environments() {
    return terraform().resolve("environments");
  }

  public Path environment(String name) {
    return environments().resolve(name);
  }

  public Path nodeTools() {
    return terraform().resolve("checks").resolve("node");
  }

  public Path monitoringInputs() {
    return modules().resolve("monitoring").resolve("slos.generated.json");
  }

  public Path readme() {
    return root.resolve("README.md");
  }
}
