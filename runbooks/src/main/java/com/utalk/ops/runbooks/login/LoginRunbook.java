package com.utalk.ops.runbooks.login;

import com.utalk.audit.AuditActions;
import com.utalk.auth.AuthModule;
import com.utalk.auth.AuthSettings;
import com.utalk.auth.keys.KeyRotation;
import com.utalk.auth.keys.SecretText;
import com.utalk.auth.login.LoginThrottle;
import com.utalk.auth.users.Emails;
import com.utalk.ops.cli.Evidence;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsAction;
import com.utalk.ops.cli.OpsAudit;
import com.utalk.ops.cli.OpsCommand;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.environment.LogEntry;
import com.utalk.ops.environment.LogQuery;
import com.utalk.ops.environment.Target;
import com.utalk.ops.probes.HttpProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * "Login falla 401" (runbooks/login-falla-401.md): the database behind logins, the signing-key ring
 * (each version's kid, length and age — never a value), the clock against the server's, the
 * throttle of an account or IP, and what the login endpoint answered lately. Fixes: disable a
 * version that cannot sign (and rotate when none is left), rotate an expired key, clear a throttle
 * entry an operator has reviewed.
 */
public final class LoginRunbook implements OpsCommand {
  static final String API_FUNCTION = "api";
  static final String LOGIN_PATH = "/api/auth/login";
  static final Duration MAX_SKEW = Duration.ofSeconds(30);

  @Override
  public String name() {
    return "login";
  }

  @Override
  public String summary() {
    return "\"Login falla 401\" (runbooks/login-falla-401.md)";
  }

  @Override
  public List<OpsAction> actions() {
    return List.of(
        OpsAction.reading(
            "diagnose",
            "/health/database, signing-key versions (length, age, current, grace), clock skew, "
                + "login statuses [--email E] [--ip IP] [--since 15m]",
            this::diagnose),
        OpsAction.changing(
            "fix",
            "disable unusable key versions, rotate an expired key; --clear-throttle with --email/--ip "
                + "(asks first, audited, idempotent)",
            this::fix));
  }

  /** What is wrong with the ring, if anything: the finding's cause, or empty. */
  record RingVerdict(List<KeyVersion> unusable, Optional<KeyVersion> current, boolean expired) {}

  static RingVerdict judge(List<KeyVersion> versions, AuthSettings settings, Instant now) {
    List<KeyVersion> unusable =
        versions.stream().filter(v -> v.bytes() < SecretText.MIN_BYTES).toList();
    Optional<KeyVersion> current =
        versions.stream()
            .filter(v -> v.bytes() >= SecretText.MIN_BYTES && !v.createdAt().isAfter(now))
            .max(Comparator.comparing(KeyVersion::createdAt));
    // JWT_SECRET alone is stamped at the epoch: its age is unknown and not judged
    boolean expired =
        current.isPresent()
            && !current.get().createdAt().equals(Instant.EPOCH)
            && current
                .get()
                .createdAt()
                .plus(settings.rotationPeriod())
                .plus(settings.rotationGrace())
                .isBefore(now);
    return new RingVerdict(unusable, current, expired);
  }

  private Finding diagnose(OpsContext context) throws Exception {
    Target target = context.target();
    Instant now = context.clock().instant();
    AuthSettings settings = AuthSettings.from(target.settings());
    List<Evidence> evidence = new ArrayList<>();

    HttpProbe.Answer health = HttpProbe.get(target.publicBaseUrl() + "/health/database");
    evidence.add(Evidence.of("GET /health/database", health.summary()));
    Map<Integer, Integer> logins = loginStatuses(target, now.minus(context.options().since()));
    evidence.add(
        Evidence.of("logins by status since " + now.minus(context.options().since()), logins));
    if (!health.answered() || health.status() == 503) {
      return Finding.problem(
          "the database behind logins does not answer: /health/database " + health.summary(),
          "check Firestore (local: emulators/dev status); logins fail until it answers",
          evidence);
    }

    List<KeyVersion> versions = KeyVersions.of(target.settings(), target.firestore()).list();
    RingVerdict ring = judge(versions, settings, now);
    for (KeyVersion version : versions) {
      evidence.add(
          Evidence.of(
              "signing key " + version.kid(),
              version.bytes()
                  + " bytes, created "
                  + (version.createdAt().equals(Instant.EPOCH)
                      ? "unknown (JWT_SECRET)"
                      : version.createdAt()
                          + " ("
                          + Duration.between(version.createdAt(), now).toDays()
                          + " days ago)")
                  + (ring.current().filter(version::equals).isPresent()
                      ? ", signs new tokens"
                      : "")));
    }
    evidence.add(
        Evidence.of(
            "rotation / grace",
            settings.rotationPeriod().toDays()
                + " days / "
                + settings.rotationGrace().toDays()
                + " days"));
    Optional<Duration> skew =
        health
            .date()
            .map(
                date ->
                    Duration.between(
                        ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(),
                        now));
    evidence.add(
        Evidence.of(
            "clock skew vs server",
            skew.map(d -> d.toSeconds() + " s").orElse("unknown (no Date header)")));

    if (ring.current().isEmpty()) {
      return Finding.problem(
          "the JWT signing secret is missing or unusable (no version of at least "
              + SecretText.MIN_BYTES
              + " bytes): every login fails",
          context.command("login fix"),
          evidence);
    }
    if (!ring.unusable().isEmpty()) {
      KeyVersion bad = ring.unusable().get(0);
      return Finding.problem(
          "signing key version "
              + bad.kid()
              + " is "
              + bad.bytes()
              + " bytes (< "
              + SecretText.MIN_BYTES
              + "): the key ring refuses to load, so logins and token checks fail",
          context.command("login fix"),
          evidence);
    }
    if (ring.expired()) {
      KeyVersion current = ring.current().get();
      return Finding.problem(
          "the signing key "
              + current.kid()
              + " has expired: "
              + Duration.between(current.createdAt(), now).toDays()
              + " days old (rotate every "
              + settings.rotationPeriod().toDays()
              + " days, "
              + settings.rotationGrace().toDays()
              + " of grace); the rotation notification was missed",
          context.command("login fix"),
          evidence);
    }
    if (skew.isPresent() && skew.get().abs().compareTo(MAX_SKEW) > 0) {
      return Finding.problem(
          "this machine's clock and the server's differ by "
              + skew.get().toSeconds()
              + " s: tokens look "
              + "expired or not yet valid",
          "fix NTP on the side that is wrong (the server's Date header is the reference)",
          evidence);
    }
    Optional<Finding> throttled = throttle(context, settings, evidence);
    if (throttled.isPresent()) {
      return throttled.get();
    }
    int failures =
        logins.entrySet().stream()
            .filter(e -> e.getKey() >= 500)
            .mapToInt(Map.Entry::getValue)
            .sum();
    if (failures > 0) {
      return Finding.problem(
          failures + " login(s) failed with 5xx since " + now.minus(context.options().since()),
          "look the failed requests up in the api function's logs by request ID",
          evidence);
    }
    return Finding.ok(evidence);
  }

  private static Map<Integer, Integer> loginStatuses(Target target, Instant since)
      throws Exception {
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (LogEntry entry : target.logs().read(LogQuery.of(API_FUNCTION, since, "http request"))) {
      if (LOGIN_PATH.equals(entry.field("path"))) {
        statuses.merge(entry.status(), 1, Integer::sum);
      }
    }
    return statuses;
  }

  /**
   * The throttle entry for --email / --ip, when asked: blocked is a finding (429, shown by some
   * clients as a failed login).
   */
  private Optional<Finding> throttle(
      OpsContext context, AuthSettings settings, List<Evidence> evidence) {
    LoginThrottle throttle = throttle(context.target(), settings, context);
    for (Map.Entry<String, String> subject : subjects(context).entrySet()) {
      LoginThrottle.State state = throttle.state(subject.getKey(), subject.getValue());
      evidence.add(
          Evidence.of(
              "throttle " + subject.getKey(),
              state.failures()
                  + " attempt(s) since "
                  + state.windowStart()
                  + (state.blockedFor().isZero()
                      ? ", not blocked"
                      : ", blocked for " + state.blockedFor().toSeconds() + " s")));
      if (!state.blockedFor().isZero()) {
        return Optional.of(
            Finding.problem(
                "logins for this "
                    + subject.getKey()
                    + " are refused (429) for "
                    + state.blockedFor().toSeconds()
                    + " s after "
                    + state.failures()
                    + " attempts",
                "review the attempts (a guessing attack?), then "
                    + context.command(
                        "login fix --clear-throttle --"
                            + subject.getKey()
                            + " "
                            + subject.getValue()),
                evidence));
      }
    }
    return Optional.empty();
  }

  private static LoginThrottle throttle(Target target, AuthSettings settings, OpsContext context) {
    return new LoginThrottle(
        target.firestore(),
        settings.maxFailuresPerEmail(),
        settings.maxFailuresPerIp(),
        settings.failureWindow(),
        context.clock());
  }

  private static Map<String, String> subjects(OpsContext context) {
    Map<String, String> subjects = new TreeMap<>();
    context
        .options()
        .find("email")
        .ifPresent(email -> subjects.put("email", Emails.normalize(email)));
    context.options().find("ip").ifPresent(ip -> subjects.put("ip", ip));
    return subjects;
  }

  private Finding fix(OpsContext context) {
    Target target = context.target();
    Instant now = context.clock().instant();
    AuthSettings settings = AuthSettings.from(target.settings());
    List<Evidence> evidence = new ArrayList<>();
    if (context.options().find("clear-throttle").isPresent()) {
      return clearThrottle(context, settings);
    }
    KeyVersions keys = KeyVersions.of(target.settings(), target.firestore());
    RingVerdict ring = judge(keys.list(), settings, now);
    for (KeyVersion bad : ring.unusable()) {
      if (!bad.removable()) {
        return Finding.problem(
            "JWT_SECRET itself is "
                + bad.bytes()
                + " bytes: it is configuration, not a stored version",
            "set a secret of at least "
                + SecretText.MIN_BYTES
                + " bytes (openssl rand -base64 32) and redeploy",
            evidence);
      }
      if (!context.confirm(
          "disable signing key version " + bad.kid() + " (" + bad.bytes() + " bytes, unusable)")) {
        return Finding.declined("disable " + bad.kid());
      }
      keys.disable(bad);
      context.audit(
          OpsAudit.PLATFORM,
          AuditActions.OPS_JWT_KEY_DISABLE,
          "signingKey",
          bad.kid(),
          Map.of("bytes", bad.bytes(), "enabled", true),
          Map.of("enabled", false));
      evidence.add(Evidence.of("disabled", bad.kid()));
    }
    ring = judge(keys.list(), settings, now);
    if (ring.current().isEmpty() || ring.expired()) {
      String why =
          ring.current().isEmpty()
              ? "no usable version is left"
              : "the signing key " + ring.current().get().kid() + " has expired";
      if (!context.confirm(
          "rotate the JWT signing secret ("
              + why
              + "); tokens of the previous version stay valid "
              + settings.rotationGrace().toDays()
              + " days")) {
        return Finding.declined("rotation");
      }
      KeyRotation.Outcome outcome =
          new AuthModule(target.settings(), target.firestore(), context.clock()).rotation().now();
      context.audit(
          OpsAudit.PLATFORM,
          AuditActions.JWT_SECRET_ROTATE,
          "signingKey",
          outcome.newKid(),
          Map.of("kid", String.valueOf(outcome.previousKid())),
          Map.of("kid", outcome.newKid(), "retired", outcome.retiredKids()));
      evidence.add(
          Evidence.of(
              "rotated",
              outcome.previousKid()
                  + " -> "
                  + outcome.newKid()
                  + ", retired "
                  + outcome.retiredKids()));
    }
    if (evidence.isEmpty()) {
      return Finding.ok(
          "nothing to fix: every signing key version is usable and current", evidence);
    }
    return Finding.ok(
        "signing keys repaired; instances pick them up within "
            + settings.keyCacheTtl().toSeconds()
            + " s (their key cache)",
        evidence);
  }

  private Finding clearThrottle(OpsContext context, AuthSettings settings) {
    Map<String, String> subjects = subjects(context);
    if (subjects.isEmpty()) {
      throw new com.utalk.ops.cli.UsageException("--clear-throttle needs --email or --ip");
    }
    LoginThrottle throttle = throttle(context.target(), settings, context);
    List<Evidence> evidence = new ArrayList<>();
    for (Map.Entry<String, String> subject : subjects.entrySet()) {
      LoginThrottle.State state = throttle.state(subject.getKey(), subject.getValue());
      if (state.failures() == 0) {
        evidence.add(Evidence.of("throttle " + subject.getKey(), "nothing recorded"));
        continue;
      }
      if (!context.confirm(
          "clear the login throttle of this "
              + subject.getKey()
              + " ("
              + state.failures()
              + " attempts since "
              + state.windowStart()
              + ")")) {
        return Finding.declined("clear throttle");
      }
      throttle.clear(subject.getKey(), subject.getValue());
      context.audit(
          OpsAudit.PLATFORM,
          AuditActions.OPS_LOGIN_THROTTLE_CLEAR,
          "loginThrottle",
          subject.getKey(),
          Map.of("failures", state.failures()),
          Map.of("failures", 0));
      evidence.add(
          Evidence.of(
              "throttle " + subject.getKey(), "cleared " + state.failures() + " attempt(s)"));
    }
    return Finding.ok(
        evidence.stream().allMatch(e -> e.value().equals("nothing recorded"))
            ? "nothing to fix: no throttle entry"
            : "throttle cleared",
        evidence);
  }
}
