package com.utalk.emulators.stack;

import com.utalk.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code up} started, persisted in {@code emulators/.run/stack.json} so that {@code down} and
 * {@code status} (other JVMs) know exactly which processes are ours. {@code launchId} lets {@code
 * up --detach} recognise the launcher it spawned; {@code phase} is starting, ready or failed;
 * {@code failure} names the part that did not come up.
 */
record StackState(
    String launchId,
    long supervisorPid,
    String supervisorStartedAt,
    String phase,
    String failure,
    List<Part> parts) {
  static final String STARTING = "starting";
  static final String READY = "ready";
  static final String FAILED = "failed";

  /**
   * One component. {@code pid} is null for those living inside the launcher JVM (gateway, bridge,
   * stand-in); {@code external} marks an emulator that was already running and is not ours to stop.
   */
  record Part(
      String name,
      String kind,
      String address,
      Long pid,
      String pidStartedAt,
      String log,
      boolean ready,
      boolean external) {
    Part asReady() {
      return new Part(name, kind, address, pid, pidStartedAt, log, true, external);
    }
  }

  StackState {
    parts = List.copyOf(parts);
  }

  StackState withPhase(String newPhase, String newFailure) {
    return new StackState(
        launchId, supervisorPid, supervisorStartedAt, newPhase, newFailure, parts);
  }

  /**
   * Adds {@code part}, or replaces the one of the same name in place (so listings keep start
   * order).
   */
  StackState with(Part part) {
    List<Part> updated = new ArrayList<>(parts);
    int index = updated.stream().map(Part::name).toList().indexOf(part.name());
    if (index >= 0) {
      updated.set(index, part);
    } else {
      updated.add(part);
    }
    return new StackState(launchId, supervisorPid, supervisorStartedAt, phase, failure, updated);
  }

  /** The same state without any parts: what a failed start leaves behind for the waiting parent. */
  StackState withoutParts() {
    return new StackState(launchId, supervisorPid, supervisorStartedAt, phase, failure, List.of());
  }

  static Path file(StackConfig config) {
    return config.runDir().resolve("stack.json");
  }

  static Optional<StackState> read(StackConfig config) {
    Path file = file(config);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(Files.readAllBytes(file), StackState.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Written to a temporary file and moved into place, so readers never see half a file. */
  void write(StackConfig config) {
    Path file = file(config);
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling("stack.json.tmp");
      Files.write(temp, Json.writeBytes(this));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(StackConfig config) {
    try {
      Files.deleteIfExists(file(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
