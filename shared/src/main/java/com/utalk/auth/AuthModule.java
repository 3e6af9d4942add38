package com.utalk.auth;

import com.google.cloud.firestore.Firestore;
import com.utalk.audit.AuditLog;
import com.utalk.auth.keys.KeyRotation;
import com.utalk.auth.keys.SigningKeyRing;
import com.utalk.auth.keys.SigningKeyRings;
import com.utalk.auth.keys.SigningKeys;
import com.utalk.auth.login.LoginService;
import com.utalk.auth.login.LoginThrottle;
import com.utalk.auth.password.Argon2idHasher;
import com.utalk.auth.password.PasswordHasher;
import com.utalk.auth.session.SessionService;
import com.utalk.auth.token.AccessTokenIssuer;
import com.utalk.auth.token.AccessTokenVerifier;
import com.utalk.auth.users.DisabledUsers;
import com.utalk.auth.users.UserAdministration;
import com.utalk.auth.users.UserRepository;
import com.utalk.config.Settings;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.wiring.Lazy;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires the auth pieces for one process (one per function instance or realtime server). The
 * realtime service needs only {@link #verifier()} and {@link #policy()}; the login path and the
 * dummy hash it computes are built on first use.
 */
public final class AuthModule {
  private final AuthSettings settings;
  private final Firestore firestore;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final PermissionPolicy policy = new PermissionPolicy();
  private final SigningKeys keys;
  private final AccessTokenIssuer issuer;
  private final AccessTokenVerifier verifier;
  private final DisabledUsers disabledUsers;
  private final UserRepository users;
  private final PasswordHasher hasher;
  private final AuditLog audit;
  private final Lazy<LoginService> login = Lazy.of(this::newLogin);
  private final Lazy<SessionService> sessions = Lazy.of(this::newSessions);

  public AuthModule(Settings settings, Firestore firestore, Clock clock) {
    this(
        AuthSettings.from(settings),
        SigningKeyRings.fromSettings(settings, firestore, clock),
        firestore,
        clock);
  }

  public AuthModule(AuthSettings settings, SigningKeyRing ring, Firestore firestore, Clock clock) {
    this.settings = settings;
    this.firestore = firestore;
    this.clock = clock;
    this.keys =
        new SigningKeys(
            ring,
            settings.rotationPeriod(),
            settings.rotationGrace(),
            settings.keyCacheTtl(),
            clock);
    this.issuer = new AccessTokenIssuer(keys, settings.accessTokenTtl(), clock);
    this.disabledUsers =
        new DisabledUsers(
            firestore,
            settings.accessTokenTtl().plus(AccessTokenVerifier.skew()),
            MaintenanceMode.DEFAULT_CACHE);
    this.verifier = new AccessTokenVerifier(keys, disabledUsers, clock);
    this.users = new UserRepository(firestore);
    this.hasher = Argon2idHasher.owaspDefaults();
    this.audit = new AuditLog(firestore, clock);
  }

  public AuthSettings settings() {
    return settings;
  }

  public PermissionPolicy policy() {
    return policy;
  }

  public SigningKeys keys() {
    return keys;
  }

  public AccessTokenIssuer issuer() {
    return issuer;
  }

  public AccessTokenVerifier verifier() {
    return verifier;
  }

  public DisabledUsers disabledUsers() {
    return disabledUsers;
  }

  public UserRepository users() {
    return users;
  }

  public AuditLog audit() {
    return audit;
  }

  public PasswordHasher hasher() {
    return hasher;
  }

  public KeyRotation rotation() {
    return new KeyRotation(keys, clock, random);
  }

  public UserAdministration userAdministration() {
    return new UserAdministration(firestore, users, disabledUsers, hasher, policy, audit, clock);
  }

  public SessionService sessions() {
    return sessions.get();
  }

  public LoginService login() {
    return login.get();
  }

  private SessionService newSessions() {
    return new SessionService(firestore, users, issuer, settings.refreshTokenTtl(), clock, random);
  }

  private LoginService newLogin() {
    LoginThrottle throttle =
        new LoginThrottle(
            firestore,
            settings.maxFailuresPerEmail(),
            settings.maxFailuresPerIp(),
            settings.failureWindow(),
            clock);
    return new LoginService(users, hasher, throttle, sessions(), clock, random);
  }
}
