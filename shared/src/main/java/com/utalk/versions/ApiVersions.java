package com.utalk.versions;

import com.utalk.errors.ValidationException;
import java.net.URI;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * The compatibility model of the operations document ("Ventanas de Compatibilidad"): the supported
 * versions, each deprecated version's sunset at least {@link #GRACE} after its deprecation, and its
 * migration guide. A client names its version in the {@code X-API-Version} header (REST) or the
 * handshake's {@code auth.apiVersion} (socket); none means {@link #CURRENT}.
 */
public final class ApiVersions {
  public static final String HEADER = "X-API-Version";

  /** The socket handshake's field ({@code io(url, {auth: {token, apiVersion}})}). */
  public static final String HANDSHAKE_FIELD = "apiVersion";

  public static final Period GRACE = Period.ofMonths(6);
  private static final String GUIDES = "https://docs.utalk.com/migrations/";

  public static final ApiVersion V1_0 =
      new ApiVersion(
          "v1.0",
          LocalDate.parse("2025-01-01"),
          LocalDate.parse("2025-07-01"),
          URI.create(GUIDES + "v1.0-to-v1.1"),
          false);
  public static final ApiVersion V1_1 =
      new ApiVersion(
          "v1.1",
          LocalDate.parse("2025-04-01"),
          LocalDate.parse("2025-10-01"),
          URI.create(GUIDES + "v1.1-to-v1.2"),
          false);
  public static final ApiVersion V1_2 = new ApiVersion("v1.2", null, null, null, true);
  public static final ApiVersion CURRENT = V1_2;
  public static final List<ApiVersion> ALL = List.of(V1_0, V1_1, V1_2);

  static {
    for (ApiVersion version : ALL) {
      check(version);
    }
  }

  private ApiVersions() {}

  /**
   * A deprecated version keeps working for the whole grace period, and its guide says where to go.
   */
  static void check(ApiVersion version) {
    if ((version.deprecated() == null) != (version.sunset() == null)
        || (version.deprecated() == null) != (version.migrationGuide() == null)) {
      throw new IllegalStateException(
          version.name() + ": deprecated, sunset and migration guide go together");
    }
    if (version.deprecated() != null
        && version.sunset().isBefore(version.deprecated().plus(GRACE))) {
      throw new IllegalStateException(
          version.name() + ": sunset is less than " + GRACE + " after deprecation");
    }
  }

  /**
   * The version a client named: "v1.1", "1.1" or "1.1.0"; missing means current; anything else is a
   * 400.
   */
  public static ApiVersion resolve(String named) {
    if (named == null || named.isBlank()) {
      return CURRENT;
    }
    return find(named.trim())
        .orElseThrow(
            () ->
                new ValidationException(
                    HEADER,
                    HEADER
                        + " must be one of "
                        + String.join(", ", ALL.stream().map(ApiVersion::name).toList())));
  }

  static Optional<ApiVersion> find(String named) {
    String name = named.startsWith("v") ? named : "v" + named;
    if (name.matches("v\\d+\\.\\d+\\.0")) {
      name = name.substring(0, name.length() - 2);
    }
    for (ApiVersion version : ALL) {
      if (version.name().equals(name)) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }
}
