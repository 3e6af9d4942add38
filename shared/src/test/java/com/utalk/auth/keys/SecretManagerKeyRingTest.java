package com.utalk.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.config.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Secret Manager key ring against the REST stand-in: paths, auth header, payloads. */
class SecretManagerKeyRingTest {
  private SecretManagerStub stub;
  private SecretManagerKeyRing ring;

  @BeforeEach
  void start() throws IOException {
    stub = new SecretManagerStub("projects/p1/secrets/jwt");
    stub.add("initial-secret-from-terraform-0123456789", "2025-06-01T00:00:00Z");
    ring =
        new SecretManagerKeyRing(
            new SecretManagerApi(stub.endpoint(), stub.secretName, () -> "fake-token"));
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void listsAccessesAddsAndDisablesVersions() {
    List<SigningKey> versions = ring.versions();
    assertEquals(1, versions.size());
    assertEquals("sm-1", versions.get(0).kid());
    assertEquals(
        "initial-secret-from-terraform-0123456789",
        new String(versions.get(0).secret(), StandardCharsets.UTF_8));

    SigningKey added = ring.addVersion("a-brand-new-secret-0123456789-0123456789");
    assertEquals("sm-2", added.kid());
    assertEquals(2, ring.versions().size());
    ring.retire(versions.get(0));
    assertEquals(List.of("sm-2"), ring.versions().stream().map(SigningKey::kid).toList());

    assertTrue(
        stub.calls.stream().allMatch(call -> call.endsWith("Bearer fake-token")),
        stub.calls.toString());
    long accesses = stub.calls.stream().filter(call -> call.contains(":access")).count();
    assertEquals(
        1, accesses, "payloads are immutable: fetched once (the added one is known already)");
  }

  @Test
  void everyEnabledVersionIsFoundAcrossPages() {
    for (int i = 2; i <= 5; i++) {
      stub.add("secret-number-" + i + "-0123456789-0123456789", "2025-06-0" + i + "T00:00:00Z");
    }
    SecretManagerApi api =
        new SecretManagerApi(stub.endpoint() + "/", stub.secretName, () -> "fake-token");
    assertEquals(
        List.of("1", "2", "3", "4", "5"),
        api.enabledVersions().stream().map(SecretManagerApi.Version::number).toList(),
        "three pages of two, and a trailing slash on the endpoint is harmless");
  }

  @Test
  void anOutageOfSecretManagerIsA503ForTheCaller() {
    stub.unavailable = true;
    com.utalk.errors.StorageUnavailableException down =
        assertThrows(com.utalk.errors.StorageUnavailableException.class, ring::versions);
    assertEquals(503, down.status());
    assertTrue(
        down.getMessage()
            .startsWith("Secret Manager answered 503 to GET /v1/projects/p1/secrets/jwt/versions"),
        down.getMessage());
  }

  @Test
  void aTooShortVersionIsAConfigurationError() {
    stub.replacePayload(1, "short");
    ConfigurationException error = assertThrows(ConfigurationException.class, ring::versions);
    assertTrue(error.getMessage().contains("at least 32 bytes"), error.getMessage());
  }
}
