package com.utalk.ops.runbooks.login;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.auth.AuthCollections;
import com.utalk.auth.keys.AdcAccessToken;
import com.utalk.auth.keys.SecretManagerApi;
import com.utalk.auth.keys.SecretText;
import com.utalk.config.Settings;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The signing secret's versions read without validating them (the services' own key ring refuses to
 * load when one is bad, which is exactly what the runbook must look at): Secret Manager when
 * JWT_SECRET_NAME is set, else JWT_SECRET plus the local stack's Firestore {@code signingKeys}.
 */
interface KeyVersions {
  List<KeyVersion> list();

  /** Stops a version from being used (disables it in Secret Manager; deletes a local rotation). */
  void disable(KeyVersion version);

  static KeyVersions of(Settings settings, Firestore firestore) {
    return settings.find("JWT_SECRET_NAME").isPresent()
        ? new InSecretManager(
            new SecretManagerApi(
                settings.get("SECRET_MANAGER_ENDPOINT", "https://secretmanager.googleapis.com"),
                "projects/"
                    + settings.require("GOOGLE_CLOUD_PROJECT")
                    + "/secrets/"
                    + settings.require("JWT_SECRET_NAME"),
                new AdcAccessToken()))
        : new Local(settings.find("JWT_SECRET").orElse(null), firestore);
  }

  private static int bytes(String secret) {
    return secret == null ? 0 : secret.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * JWT_SECRET (stamped at the epoch, as its age is unknown) and the rotations the stack stored.
   */
  record Local(String base, Firestore firestore) implements KeyVersions {
    @Override
    public List<KeyVersion> list() {
      List<KeyVersion> versions = new ArrayList<>();
      String baseKid =
          bytes(base) >= SecretText.MIN_BYTES
              ? "env-" + SecretText.fingerprint(base.getBytes(StandardCharsets.UTF_8))
              : "JWT_SECRET";
      versions.add(new KeyVersion(baseKid, bytes(base), Instant.EPOCH, false));
      for (QueryDocumentSnapshot doc :
          FirestoreCalls.await(firestore.collection(AuthCollections.SIGNING_KEYS).get())
              .getDocuments()) {
        versions.add(
            new KeyVersion(
                doc.getId(),
                bytes(doc.getString("secret")),
                Timestamps.toInstant(doc.get("createdAt")),
                true));
      }
      return versions;
    }

    @Override
    public void disable(KeyVersion version) {
      FirestoreCalls.await(
          firestore.collection(AuthCollections.SIGNING_KEYS).document(version.kid()).delete());
    }
  }

  /** kid {@code sm-<version number>}, as SecretManagerKeyRing names them. */
  record InSecretManager(SecretManagerApi api) implements KeyVersions {
    @Override
    public List<KeyVersion> list() {
      List<KeyVersion> versions = new ArrayList<>();
      for (SecretManagerApi.Version version : api.enabledVersions()) {
        versions.add(
            new KeyVersion(
                "sm-" + version.number(),
                api.access(version.name()).length,
                version.createTime(),
                true));
      }
      return versions;
    }

    @Override
    public void disable(KeyVersion version) {
      api.disable(api.secretName() + "/versions/" + version.kid().substring(3));
    }
  }
}
