package com.utalk.ops.runbooks.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.auth.keys.SecretManagerApi;
import com.utalk.auth.keys.SecretManagerStub;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The login runbook's view of the signing secret in Secret Manager (the REST stand-in): every
 * enabled version with its length and age, read without judging it, and a disable that reaches
 * exactly that version.
 */
class KeyVersionsTest {
  @Test
  void everyEnabledVersionIsListedAndOneCanBeDisabled() throws Exception {
    try (SecretManagerStub stub = new SecretManagerStub("projects/p1/secrets/jwt")) {
      stub.add("short", "2025-06-01T00:00:00Z"); // too short for the services, listed anyway
      stub.add("a-long-enough-secret-0123456789-0123456789", "2025-07-01T00:00:00Z");
      KeyVersions versions =
          new KeyVersions.InSecretManager(
              new SecretManagerApi(stub.endpoint(), stub.secretName, () -> "operator-token"));

      List<KeyVersion> listed = versions.list();
      assertEquals(List.of("sm-1", "sm-2"), listed.stream().map(KeyVersion::kid).toList());
      assertEquals(5, listed.get(0).bytes());
      assertEquals(Instant.parse("2025-07-01T00:00:00Z"), listed.get(1).createdAt());

      versions.disable(listed.get(0));
      assertEquals(List.of("sm-2"), versions.list().stream().map(KeyVersion::kid).toList());
      assertTrue(
          stub.calls.stream()
              .anyMatch(
                  call -> call.startsWith("POST /v1/projects/p1/secrets/jwt/versions/1:disable")),
          stub.calls.toString());
    }
  }
}
