package com.utalk.auth.login;

import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.WriteResult;
import com.utalk.auth.AuthCollections;
import com.utalk.errors.RateLimitedException;
import com.utalk.errors.StorageUnavailableException;
import com.utalk.logging.Log;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Failed-login counters shared by every function instance: one Firestore document per email and one
 * per client IP (ids are SHA-256 hashes, so neither is stored in clear), each a fixed window that
 * starts at its first attempt. Past the limit, logins for that email or from that IP answer 429
 * until the window ends, even with the right password.
 *
 * <p>An attempt is counted <em>before</em> the password is checked, with a compare-and-set on each
 * counter, so that parallel guesses cannot all slip past the limit; a successful login then gives
 * its attempt back (the email's counter is cleared, the IP's decremented). {@code expireAt} lets a
 * Firestore TTL policy delete stale counters.
 */
public final class LoginThrottle {
  private static final Log LOG = Log.get(LoginThrottle.class);

  private static final int MAX_CAS_ROUNDS = 25;

  private final Firestore firestore;
  private final int maxPerEmail;
  private final int maxPerIp;
  private final Duration window;
  private final Clock clock;

  public LoginThrottle(
      Firestore firestore, int maxPerEmail, int maxPerIp, Duration window, Clock clock) {
    this.firestore = firestore;
    this.maxPerEmail = maxPerEmail;
    this.maxPerIp = maxPerIp;
    this.window = window;
    this.clock = clock;
  }

  /** A counted attempt; {@link #succeeded()} gives it back. */
  public static final class Attempt {
    private final DocumentReference emailRef;
    private final DocumentReference ipRef;

    private Attempt(DocumentReference emailRef, DocumentReference ipRef) {
      this.emailRef = emailRef;
      this.ipRef = ipRef;
    }

    /**
     * The password was right: the attempt does not count. Starts the writes and returns at once;
     * the caller awaits them after its own work (see {@link GiveBack#await()}).
     */
    public GiveBack succeeded() {
      return new GiveBack(emailRef.delete(), ipRef.update("count", FieldValue.increment(-1)));
    }
  }

  /** The writes that return a successful attempt, in flight. */
  public static final class GiveBack {
    private final ApiFuture<?> email;
    private final ApiFuture<?> ip;

    private GiveBack(ApiFuture<?> email, ApiFuture<?> ip) {
      this.email = email;
      this.ip = ip;
    }

    public void await() {
      FirestoreCalls.await(email);
      try {
        FirestoreCalls.await(ip);
      } catch (StorageUnavailableException | com.utalk.errors.InternalException e) {
        // the IP counter expired meanwhile (NOT_FOUND) (nothing to give back), or Firestore
        // hiccuped: one extra count at worst
        LOG.debug("could not give back the IP attempt", "cause", e.getMessage());
      }
    }
  }

  /**
   * Counts an attempt against the email and the IP, or throws 429 (counting nothing) when either
   * has used up its attempts in the current window.
   */
  public Attempt reserve(String normalizedEmail, String clientIp) {
    DocumentReference emailRef = counter("email", normalizedEmail);
    DocumentReference ipRef = counter("ip", clientIp == null ? "unknown" : clientIp);
    List<DocumentSnapshot> current = FirestoreCalls.await(firestore.getAll(emailRef, ipRef));
    refuseIfBlocked(current.get(0), maxPerEmail);
    refuseIfBlocked(current.get(1), maxPerIp);
    // both first writes in flight together; only a lost race costs another round trip
    ApiFuture<WriteResult> emailWrite = write(current.get(0));
    ApiFuture<WriteResult> ipWrite = write(current.get(1));
    increment(current.get(0), emailWrite, maxPerEmail);
    increment(current.get(1), ipWrite, maxPerIp);
    return new Attempt(emailRef, ipRef);
  }

  /**
   * Compare-and-set on one counter: a write conditioned on the version we read. A lost race
   * re-reads and re-checks, so concurrent guesses are counted one by one. (Preconditions rather
   * than a transaction: no lock waits when an attacker fires many guesses at one account.)
   */
  private void increment(DocumentSnapshot snapshot, ApiFuture<WriteResult> firstWrite, int max) {
    DocumentSnapshot current = snapshot;
    ApiFuture<WriteResult> write = firstWrite;
    for (int round = 0; round < MAX_CAS_ROUNDS; round++) {
      if (landed(write)) {
        return;
      }
      current = FirestoreCalls.await(current.getReference().get());
      refuseIfBlocked(current, max);
      write = write(current);
    }
    throw new StorageUnavailableException("login counter too contended", null);
  }

  /** The counter incremented, on condition that nobody wrote it since {@code current} was read. */
  private ApiFuture<WriteResult> write(DocumentSnapshot current) {
    return current.exists()
        ? current
            .getReference()
            .update(
                incremented(current, clock.instant()),
                Precondition.updatedAt(current.getUpdateTime()))
        : current.getReference().create(incremented(current, clock.instant()));
  }

  private void refuseIfBlocked(DocumentSnapshot counter, int max) {
    Duration wait = blockedFor(counter, max, clock.instant());
    if (!wait.isZero()) {
      throw new RateLimitedException("too many failed logins; try again later", wait);
    }
  }

  /** True when the write happened; false when a concurrent write got there first. */
  private static boolean landed(ApiFuture<WriteResult> write) {
    try {
      write.get(FirestoreCalls.DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException api) {
        StatusCode.Code code = api.getStatusCode().getCode();
        if (code == StatusCode.Code.ALREADY_EXISTS
            || code == StatusCode.Code.FAILED_PRECONDITION
            || code == StatusCode.Code.ABORTED) {
          return false;
        }
      }
      throw new StorageUnavailableException(
          "login counter write failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new StorageUnavailableException("login counter write timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("interrupted", e);
    }
  }

  private Duration blockedFor(DocumentSnapshot counter, int max, Instant now) {
    Instant windowStart =
        counter.exists() ? Timestamps.toInstant(counter.get("windowStart")) : null;
    Long count = counter.exists() ? counter.getLong("count") : null;
    if (windowStart == null || count == null || count < max) {
      return Duration.ZERO;
    }
    Instant windowEnd = windowStart.plus(window);
    if (!now.isBefore(windowEnd)) {
      return Duration.ZERO;
    }
    // whole seconds, rounded up: Retry-After must not invite a retry that is still refused
    return Duration.ofSeconds((Duration.between(now, windowEnd).toMillis() + 999) / 1000);
  }

  private Map<String, Object> incremented(DocumentSnapshot counter, Instant now) {
    Instant windowStart =
        counter.exists() ? Timestamps.toInstant(counter.get("windowStart")) : null;
    Long stored = counter.exists() ? counter.getLong("count") : null;
    long count = stored == null ? 0 : Math.max(0, stored);
    if (windowStart == null || !now.isBefore(windowStart.plus(window))) {
      windowStart = now;
      count = 0;
    }
    return Map.of(
        "windowStart", Timestamps.of(windowStart),
        "count", count + 1,
        "expireAt", Timestamps.of(windowStart.plus(window)));
  }

  /**
   * One counter as the "Login falla 401" runbook shows it: failures in the window and how long
   * logins stay refused.
   */
  public record State(String kind, long failures, Instant windowStart, Duration blockedFor) {}

  /** {@code kind} is {@code email} (normalized) or {@code ip}. */
  public State state(String kind, String value) {
    DocumentSnapshot counter = FirestoreCalls.await(counter(kind, value).get());
    Long count = counter.exists() ? counter.getLong("count") : null;
    return new State(
        kind,
        count == null ? 0 : count,
        counter.exists() ? Timestamps.toInstant(counter.get("windowStart")) : null,
        blockedFor(counter, kind.equals("email") ? maxPerEmail : maxPerIp, clock.instant()));
  }

  /** Forgets one counter (after an operator reviewed it): the next login is judged afresh. */
  public void clear(String kind, String value) {
    FirestoreCalls.await(counter(kind, value).delete());
  }

  private DocumentReference counter(String kind, String value) {
    return firestore
        .collection(AuthCollections.LOGIN_ATTEMPTS)
        .document(kind + "_" + sha256(kind + ":" + value));
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
