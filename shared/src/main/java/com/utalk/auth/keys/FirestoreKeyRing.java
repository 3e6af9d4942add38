package com.utalk.auth.keys;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.auth.AuthCollections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local stack's stand-in for Secret Manager: JWT_SECRET is the first version and each rotation
 * ({@code emulators/dev rotate-jwt-secret}, the rotation function) adds a document to {@code
 * signingKeys}, so every local function instance sees the same versions. Never used in the cloud,
 * where secrets must not sit in the database.
 */
public final class FirestoreKeyRing implements SigningKeyRing {
  private final Firestore firestore;
  private final SigningKey base;
  private final Clock clock;

  public FirestoreKeyRing(Firestore firestore, SigningKey base, Clock clock) {
    this.firestore = firestore;
    this.base = base;
    this.clock = clock;
  }

  @Override
  public List<SigningKey> versions() {
    List<SigningKey> versions = new ArrayList<>();
    versions.add(base);
    for (QueryDocumentSnapshot doc :
        FirestoreCalls.await(firestore.collection(AuthCollections.SIGNING_KEYS).get())
            .getDocuments()) {
      String secret = doc.getString("secret");
      versions.add(
          new SigningKey(
              doc.getId(),
              SecretText.validated(secret, "signing key " + doc.getId()),
              Timestamps.toInstant(doc.get("createdAt"))));
    }
    return versions;
  }

  @Override
  public SigningKey addVersion(String secret) {
    byte[] bytes = SecretText.validated(secret, "the new signing key");
    Instant now = clock.instant();
    String kid = "local-" + UUID.randomUUID().toString().substring(0, 8);
    FirestoreCalls.await(
        firestore
            .collection(AuthCollections.SIGNING_KEYS)
            .document(kid)
            .create(Map.of("secret", secret, "createdAt", Timestamps.of(now))));
    return new SigningKey(kid, bytes, now);
  }

  @Override
  public void retire(SigningKey key) {
    if (!key.kid().equals(base.kid())) {
      FirestoreCalls.await(
          firestore.collection(AuthCollections.SIGNING_KEYS).document(key.kid()).delete());
    }
  }

  @Override
  public boolean rotatable() {
    return true;
  }
}
