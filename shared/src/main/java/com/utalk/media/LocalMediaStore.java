package com.utalk.media;

import com.utalk.errors.ForbiddenException;
import com.utalk.errors.ValidationException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Media in a folder of the local stack (under its data folder), reached through URLs signed like
 * Cloud Storage's: {@code {baseUrl}/media/files/{path}?method=&expires=&signature=}, an HMAC-SHA256
 * over method, path, expiry and (for uploads) content type with {@code MEDIA_URL_SIGNING_KEY}.
 * {@link LocalMediaHttpHandler} serves them and refuses an expired or altered URL with 403.
 */
public final class LocalMediaStore implements MediaStore {
  public static final String PATH_PREFIX = "/media/files/";
  private static final Pattern SAFE_PATH =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
  private static final String TYPE_SUFFIX = ".content-type";

  private final Path root;
  private final byte[] key;
  private final String baseUrl;
  private final Clock clock;

  public LocalMediaStore(Path root, byte[] key, String baseUrl, Clock clock) {
    if (key.length < 16) {
      throw new IllegalArgumentException("the signing key must have at least 16 bytes");
    }
    this.root = root.toAbsolutePath().normalize();
    this.key = key.clone();
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.clock = clock;
  }

  @Override
  public void put(String path, String contentType, Path file) throws IOException {
    Path target = file(path);
    Files.createDirectories(target.getParent());
    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(typeFile(target), contentType);
  }

  @Override
  public Optional<StoredObject> stat(String path) {
    Path target = file(path);
    try {
      if (!Files.isRegularFile(target)) {
        return Optional.empty();
      }
      Path type = typeFile(target);
      return Optional.of(
          new StoredObject(
              Files.size(target), Files.isRegularFile(type) ? Files.readString(type) : null));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public java.io.InputStream open(String path) throws IOException {
    try {
      return Files.newInputStream(file(path));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new java.io.FileNotFoundException(path);
    }
  }

  @Override
  public SignedUrl signedGetUrl(String path, Duration ttl) {
    return sign("GET", path, null, ttl);
  }

  @Override
  public SignedUrl signedPutUrl(String path, String contentType, Duration ttl) {
    return sign("PUT", path, contentType, ttl);
  }

  private SignedUrl sign(String method, String path, String contentType, Duration ttl) {
    file(path);
    Instant expiresAt = clock.instant().plus(ttl);
    long expires = expiresAt.getEpochSecond();
    String signature = signature(method, path, expires, contentType);
    String url =
        baseUrl
            + PATH_PREFIX
            + path
            + "?method="
            + method
            + "&expires="
            + expires
            + "&signature="
            + URLEncoder.encode(signature, StandardCharsets.UTF_8);
    return new SignedUrl(url, Instant.ofEpochSecond(expires));
  }

  /**
   * Checks a request for {@code path} against its query parameters; throws 403 when the URL was
   * altered, is for another method or content type, or has expired.
   */
  public void verify(String method, String path, Map<String, String> query, String contentType) {
    String signed = query.get("signature");
    String signedMethod = query.get("method");
    String expiresText = query.get("expires");
    if (signed == null
        || signedMethod == null
        || expiresText == null
        || !signedMethod.equals(method)) {
      throw new ForbiddenException("invalid_signature", "the URL is not signed for this request");
    }
    long expires;
    try {
      expires = Long.parseLong(expiresText);
    } catch (NumberFormatException e) {
      throw new ForbiddenException("invalid_signature", "the URL is not signed for this request");
    }
    if (!SAFE_PATH.matcher(path).matches()) {
      throw new ForbiddenException("invalid_signature", "the URL is not signed for this request");
    }
    String expected = signature(method, path, expires, "PUT".equals(method) ? contentType : null);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), signed.getBytes(StandardCharsets.US_ASCII))) {
      throw new ForbiddenException("invalid_signature", "the URL signature does not match");
    }
    if (clock.instant().getEpochSecond() > expires) {
      throw new ForbiddenException("expired_url", "the URL has expired; ask for a new one");
    }
  }

  Path file(String path) {
    if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
      throw new ValidationException("path", "not a media object path");
    }
    Path resolved = root.resolve(path).normalize();
    if (!resolved.startsWith(root) || resolved.getFileName().toString().endsWith(TYPE_SUFFIX)) {
      throw new ValidationException("path", "not a media object path");
    }
    return resolved;
  }

  private static Path typeFile(Path object) {
    return object.resolveSibling(object.getFileName() + TYPE_SUFFIX);
  }

  private String signature(String method, String path, long expires, String contentType) {
    String toSign =
        method + "\n" + path + "\n" + expires + "\n" + (contentType == null ? "" : contentType);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
