package com.utalk.auth.keys;

import java.util.List;

/**
 * Where the versions of the JWT signing secret live: Secret Manager in the cloud, the JWT_SECRET
 * setting (plus Firestore-stored rotations on the local stack) otherwise.
 */
public interface SigningKeyRing {
  /** Every enabled version, in any order. */
  List<SigningKey> versions();

  /** Stores {@code secret} as the newest version and returns it. */
  SigningKey addVersion(String secret);

  /**
   * Stops accepting a version whose grace period is over (best effort; the clock check refuses it
   * anyway).
   */
  void retire(SigningKey key);

  /** Whether {@link #addVersion} can work here (a bare JWT_SECRET cannot be rotated by the app). */
  boolean rotatable();
}
