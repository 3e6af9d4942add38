package com.utalk.auth.users;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Transaction;
import com.utalk.audit.AuditActions;
import com.utalk.audit.AuditEntry;
import com.utalk.audit.AuditLog;
import com.utalk.auth.Permission;
import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Principal;
import com.utalk.auth.Role;
import com.utalk.auth.password.PasswordHasher;
import com.utalk.auth.password.PasswordPolicy;
import com.utalk.errors.ConflictException;
import com.utalk.errors.ValidationException;
import com.utalk.logging.RequestContext;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creating users, changing roles and listing a workspace's users; admin changes are audited. */
public final class UserAdministration {
  private static final int MAX_NAME = 120;

  private final Firestore firestore;
  private final UserRepository users;
  private final DisabledUsers disabledUsers;
  private final PasswordHasher hasher;
  private final PermissionPolicy policy;
  private final AuditLog audit;
  private final Clock clock;

  public UserAdministration(
      Firestore firestore,
      UserRepository users,
      DisabledUsers disabledUsers,
      PasswordHasher hasher,
      PermissionPolicy policy,
      AuditLog audit,
      Clock clock) {
    this.firestore = firestore;
    this.users = users;
    this.disabledUsers = disabledUsers;
    this.hasher = hasher;
    this.policy = policy;
    this.audit = audit;
    this.clock = clock;
  }

  /** An admin creates a user in their own workspace. */
  public User create(Principal actor, String email, String name, Role role, String password) {
    policy.check(actor, Permission.USERS_MANAGE);
    User user = newUser(email, name, role, actor.workspaceId(), password);
    String hash = hasher.hash(password.toCharArray());
    AuditEntry entry =
        audit.entry(
            actor,
            RequestContext.currentRequestId(),
            AuditActions.USER_CREATE,
            "user",
            user.id(),
            null,
            auditView(user));
    users.create(user, hash, tx -> audit.append(tx, entry));
    return user;
  }

  /** Seeding and operator tooling (no actor, not audited); fails with 409 if the email exists. */
  public User createSystemUser(NewUser request) {
    User user =
        newUser(
            request.email(),
            request.name(),
            request.role(),
            request.workspaceId(),
            request.password());
    users.create(user, hasher.hash(request.password().toCharArray()), tx -> {});
    return user;
  }

  /**
   * An admin changes a user's role. The new role reaches the user's access tokens at their next
   * refresh (at most one access-token lifetime later). Admins cannot change their own role, so a
   * workspace cannot lose its last admin by accident.
   */
  public User changeRole(Principal actor, String uid, Role newRole) {
    policy.check(actor, Permission.USERS_MANAGE);
    if (actor.uid().equals(uid)) {
      throw new ConflictException("own_role", "you cannot change your own role");
    }
    String requestId = RequestContext.currentRequestId();
    return FirestoreCalls.await(
        firestore.runTransaction(
            tx -> {
              User before = manageable(tx, actor, uid);
              User after =
                  new User(
                      before.id(),
                      before.email(),
                      before.name(),
                      newRole,
                      before.workspaceId(),
                      before.createdAt(),
                      before.disabled());
              if (before.role() != newRole) {
                tx.update(
                    users.ref(uid),
                    UserDocument.ROLE,
                    newRole.wire(),
                    UserDocument.UPDATED_AT,
                    Timestamps.of(clock.instant()));
                audit.append(
                    tx,
                    audit.entry(
                        actor,
                        requestId,
                        AuditActions.USER_ROLE_CHANGE,
                        "user",
                        uid,
                        Map.of("role", before.role().wire()),
                        Map.of("role", newRole.wire())));
              }
              return after;
            }));
  }

  /**
   * An admin disables or re-enables a user of their workspace. Disabling, in one transaction: the
   * user document says so (login and refresh refuse it), every refresh-token family is revoked, the
   * user joins {@link DisabledUsers} (access tokens already issued are refused within the cache
   * time, and the realtime service closes the user's sockets), and the change is audited. Asking
   * for the state the user is already in changes nothing and is not audited again. Admins cannot
   * disable themselves, so a workspace cannot lock out its last admin by accident.
   */
  public User setDisabled(Principal actor, String uid, boolean disabled) {
    policy.check(actor, Permission.USERS_MANAGE);
    if (actor.uid().equals(uid)) {
      throw new ConflictException("own_account", "you cannot disable or enable your own account");
    }
    String requestId = RequestContext.currentRequestId();
    User changed =
        FirestoreCalls.await(
            firestore.runTransaction(
                tx -> {
                  User before = manageable(tx, actor, uid);
                  if (before.disabled() == disabled) {
                    return before;
                  }
                  Map<String, Instant> listed = disabledUsers.read(tx);
                  Instant now = clock.instant();
                  if (disabled) {
                    tx.update(
                        users.ref(uid),
                        UserDocument.DISABLED,
                        true,
                        UserDocument.DISABLED_AT,
                        Timestamps.of(now),
                        UserDocument.REFRESH_TOKENS,
                        Map.of(),
                        UserDocument.UPDATED_AT,
                        Timestamps.of(now));
                    disabledUsers.add(tx, listed, uid, now);
                  } else {
                    tx.update(
                        users.ref(uid),
                        UserDocument.DISABLED,
                        FieldValue.delete(),
                        UserDocument.DISABLED_AT,
                        FieldValue.delete(),
                        UserDocument.UPDATED_AT,
                        Timestamps.of(now));
                    disabledUsers.remove(tx, uid);
                  }
                  audit.append(
                      tx,
                      audit.entry(
                          actor,
                          requestId,
                          disabled ? AuditActions.USER_DISABLE : AuditActions.USER_ENABLE,
                          "user",
                          uid,
                          Map.of("status", before.view().status()),
                          Map.of("status", disabled ? UserView.DISABLED : UserView.ACTIVE)));
                  return new User(
                      before.id(),
                      before.email(),
                      before.name(),
                      before.role(),
                      before.workspaceId(),
                      before.createdAt(),
                      disabled);
                }));
    return changed;
  }

  public List<User> list(Principal actor, int limit, String afterEmail) {
    policy.check(actor, Permission.USERS_READ);
    return users.list(
        actor.workspaceId(), limit, afterEmail == null ? null : Emails.valid(afterEmail, "cursor"));
  }

  /**
   * The user {@code uid} read in {@code tx}, if {@code actor} may manage them; 404 otherwise
   * (another workspace's user looks absent).
   */
  private User manageable(Transaction tx, Principal actor, String uid) throws Exception {
    DocumentSnapshot doc = tx.get(users.ref(uid)).get();
    if (!doc.exists()) {
      throw PermissionPolicy.notFound();
    }
    User user = UserDocument.fromSnapshot(doc);
    policy.check(actor, Permission.USERS_MANAGE, user.workspaceId());
    return user;
  }

  private User newUser(String email, String name, Role role, String workspaceId, String password) {
    String normalized = Emails.valid(email, "email");
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new ValidationException(
          "name", "name is required (at most " + MAX_NAME + " characters)");
    }
    if (role == null) {
      throw new ValidationException("role", "role is required");
    }
    PasswordPolicy.checkNew(password, "password");
    return new User(
        UUID.randomUUID().toString(),
        normalized,
        name.trim(),
        role,
        workspaceId,
        clock.instant(),
        false);
  }

  private static Map<String, Object> auditView(User user) {
    return Map.of(
        "email",
        user.email(),
        "name",
        user.name(),
        "role",
        user.role().wire(),
        "workspaceId",
        user.workspaceId());
  }
}
