package com.utalk.auth.login;

import com.utalk.auth.password.PasswordHasher;
import com.utalk.auth.password.PasswordPolicy;
import com.utalk.auth.session.Session;
import com.utalk.auth.session.SessionService;
import com.utalk.auth.users.Emails;
import com.utalk.auth.users.StoredUser;
import com.utalk.auth.users.UserRepository;
import com.utalk.errors.ForbiddenException;
import com.utalk.errors.UnauthenticatedException;
import com.utalk.errors.ValidationException;
import com.utalk.logging.Log;
import com.utalk.metrics.Metrics;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Email + password → session. An unknown email costs the same as a wrong password (one lookup, the
 * same counter writes, one full hash verification against a dummy hash) and gets the same answer,
 * so neither the body nor the timing tells whether an account exists.
 */
public final class LoginService {
  private static final Log LOG = Log.get(LoginService.class);

  private final UserRepository users;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final SessionService sessions;
  private final Clock clock;
  private final String dummyHash;

  public LoginService(
      UserRepository users,
      PasswordHasher hasher,
      LoginThrottle throttle,
      SessionService sessions,
      Clock clock,
      SecureRandom random) {
    this.users = users;
    this.hasher = hasher;
    this.throttle = throttle;
    this.sessions = sessions;
    this.clock = clock;
    this.dummyHash = hasher.hash(("dummy-" + random.nextLong()).toCharArray());
  }

  public Session login(String email, String password, String clientIp) {
    if (email == null || email.isBlank()) {
      throw new ValidationException("email", "email is required");
    }
    if (password == null || password.isEmpty()) {
      throw new ValidationException("password", "password is required");
    }
    if (password.length() > PasswordPolicy.MAX_LENGTH) {
      throw new ValidationException(
          "password", "password must be at most " + PasswordPolicy.MAX_LENGTH + " characters");
    }
    // bounded and shaped before any lookup: no stored account can have another form, so this
    // tells nothing about accounts, and a 2,000-character "email" never reaches Firestore
    String normalized = Emails.valid(email, "email");
    UserRepository.Lookup lookup = users.startFindByEmail(normalized);
    LoginThrottle.Attempt attempt = throttle.reserve(normalized, clientIp);
    Optional<StoredUser> found = lookup.result();

    String hash = found.map(StoredUser::passwordHash).filter(h -> !h.isEmpty()).orElse(dummyHash);
    boolean matches = hasher.verify(password.toCharArray(), hash);
    if (!matches || found.isEmpty()) {
      LOG.info("login failed", "knownUser", found.isPresent());
      throw new UnauthenticatedException("invalid_credentials", "email or password is incorrect");
    }
    StoredUser user = found.get();
    if (user.user().disabled()) {
      // said only to someone who knows the password: it tells nothing to a guesser
      LOG.info("login refused: account disabled", "uid", user.user().id());
      throw new ForbiddenException(
          "account_disabled", "this account is disabled; ask an admin of your workspace");
    }
    LoginThrottle.GiveBack giveBack = attempt.succeeded();
    if (hasher.needsRehash(hash)) {
      users.updatePasswordHash(
          user.user().id(), hasher.hash(password.toCharArray()), clock.instant());
    }
    Session session = sessions.start(user);
    Metrics.get().business().userSessionStarted();
    giveBack.await();
    LOG.info("login succeeded", "uid", user.user().id(), "role", user.user().role().wire());
    return session;
  }
}
