package com.utalk.auth.session;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.utalk.auth.token.AccessTokenIssuer;
import com.utalk.auth.users.StoredUser;
import com.utalk.auth.users.User;
import com.utalk.auth.users.UserDocument;
import com.utalk.auth.users.UserRepository;
import com.utalk.errors.UnauthenticatedException;
import com.utalk.logging.Log;
import com.utalk.storage.FirestoreCalls;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Refresh-token families. Login starts one; each refresh replaces its token (a token works once);
 * presenting an already-used token means it leaked, so the whole family is revoked; logout revokes
 * the family. A user keeps at most {@link #MAX_FAMILIES} sessions, oldest dropped first.
 */
public final class SessionService {
  private static final Log LOG = Log.get(SessionService.class);
  static final int MAX_FAMILIES = 10;

  private final Firestore firestore;
  private final UserRepository users;
  private final AccessTokenIssuer issuer;
  private final Duration refreshLifetime;
  private final Clock clock;
  private final SecureRandom random;

  public SessionService(
      Firestore firestore,
      UserRepository users,
      AccessTokenIssuer issuer,
      Duration refreshLifetime,
      Clock clock,
      SecureRandom random) {
    this.firestore = firestore;
    this.users = users;
    this.issuer = issuer;
    this.refreshLifetime = refreshLifetime;
    this.clock = clock;
    this.random = random;
  }

  /**
   * A new family for a user who just proved their password. One write: expired and surplus families
   * seen in the login lookup are dropped in the same update.
   */
  public Session start(StoredUser stored) {
    User user = stored.user();
    Instant now = clock.instant();
    String familyId = RefreshToken.newFamilyId();
    RefreshToken token = RefreshToken.mint(user.id(), familyId, random);
    List<Object> updates = new ArrayList<>();
    for (String stale : staleFamilies(stored.refreshFamilies(), now)) {
      updates.add(FieldPath.of(UserDocument.REFRESH_TOKENS, stale));
      updates.add(FieldValue.delete());
    }
    updates.add(FieldPath.of(UserDocument.REFRESH_TOKENS, familyId));
    updates.add(RefreshFamily.start(token.hash(), now, now.plus(refreshLifetime)).toMap());
    FieldPath first = (FieldPath) updates.get(0);
    Object firstValue = updates.get(1);
    FirestoreCalls.await(
        users
            .ref(user.id())
            .update(first, firstValue, updates.subList(2, updates.size()).toArray()));
    return new Session(
        issuer.issue(user.id(), user.role(), user.workspaceId()), token.value(), user);
  }

  /** Exchanges a refresh token for a new pair; the presented token stops working. */
  public Session refresh(String presented) {
    RefreshToken token = RefreshToken.parse(presented).orElseThrow(SessionService::invalid);
    Outcome outcome =
        FirestoreCalls.await(
            firestore.runTransaction(
                tx -> {
                  DocumentSnapshot doc = tx.get(users.ref(token.uid())).get();
                  if (!doc.exists() || UserDocument.fromSnapshot(doc).disabled()) {
                    // disabling revokes every family; this also covers a token racing the disable
                    return Outcome.refused();
                  }
                  Instant now = clock.instant();
                  RefreshFamily family =
                      RefreshFamily.fromMap(familiesOf(doc).get(token.familyId()));
                  FieldPath path = FieldPath.of(UserDocument.REFRESH_TOKENS, token.familyId());
                  if (family == null) {
                    return Outcome.refused();
                  }
                  String hash = token.hash();
                  if (family.usedHashes().contains(hash)) {
                    tx.update(users.ref(token.uid()), path, FieldValue.delete());
                    return new Outcome(null, null, true);
                  }
                  if (!hash.equals(family.currentHash())) {
                    return Outcome.refused();
                  }
                  if (family.expired(now)) {
                    tx.update(users.ref(token.uid()), path, FieldValue.delete());
                    return Outcome.refused();
                  }
                  RefreshToken next = RefreshToken.mint(token.uid(), token.familyId(), random);
                  tx.update(
                      users.ref(token.uid()),
                      path,
                      family.rotate(next.hash(), now.plus(refreshLifetime)).toMap());
                  return new Outcome(UserDocument.fromSnapshot(doc), next, false);
                }));
    if (outcome.reused()) {
      LOG.warn(
          "refresh token replayed: session family revoked",
          "uid",
          token.uid(),
          "family",
          token.familyId());
    }
    if (outcome.user() == null) {
      throw invalid();
    }
    User user = outcome.user();
    return new Session(
        issuer.issue(user.id(), user.role(), user.workspaceId()), outcome.next().value(), user);
  }

  /**
   * Revokes the family of {@code presented} (current or already-used token); unknown tokens are
   * ignored.
   */
  public void logout(String presented) {
    RefreshToken token = RefreshToken.parse(presented).orElse(null);
    if (token == null) {
      return;
    }
    FirestoreCalls.await(
        firestore.runTransaction(
            tx -> {
              DocumentSnapshot doc = tx.get(users.ref(token.uid())).get();
              RefreshFamily family =
                  doc.exists()
                      ? RefreshFamily.fromMap(familiesOf(doc).get(token.familyId()))
                      : null;
              String hash = token.hash();
              if (family != null
                  && (hash.equals(family.currentHash()) || family.usedHashes().contains(hash))) {
                tx.update(
                    users.ref(token.uid()),
                    FieldPath.of(UserDocument.REFRESH_TOKENS, token.familyId()),
                    FieldValue.delete());
              }
              return null;
            }));
  }

  private List<String> staleFamilies(Map<String, Object> families, Instant now) {
    List<Map.Entry<String, RefreshFamily>> live = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    families.forEach(
        (id, stored) -> {
          RefreshFamily family = RefreshFamily.fromMap(stored);
          if (family == null || family.expired(now)) {
            stale.add(id);
          } else {
            live.add(Map.entry(id, family));
          }
        });
    live.sort(Comparator.comparing(entry -> entry.getValue().createdAt()));
    // room for the family about to be added
    for (int i = 0; i < live.size() - (MAX_FAMILIES - 1); i++) {
      stale.add(live.get(i).getKey());
    }
    return stale;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> familiesOf(DocumentSnapshot doc) {
    Object families = doc.get(UserDocument.REFRESH_TOKENS);
    return families instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static UnauthenticatedException invalid() {
    return new UnauthenticatedException(
        "invalid_refresh_token", "the refresh token is invalid, expired or revoked");
  }

  /** The transaction's verdict; a user and next token only when the refresh succeeded. */
  private record Outcome(User user, RefreshToken next, boolean reused) {
    static Outcome refused() {
      return new Outcome(null, null, false);
    }
  }
}
