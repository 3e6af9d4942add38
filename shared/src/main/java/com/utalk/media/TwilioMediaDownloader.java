package com.utalk.media;

import com.utalk.logging.Log;
import com.utalk.twilio.TwilioCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Downloads a media item Twilio announced. The first URL must be one of Twilio's media hosts
 * ({@link MediaSources}); anything else is refused before a connection is made. Redirects are
 * followed by hand (Twilio redirects to a short-lived CDN URL): our Basic auth goes only to trusted
 * hosts, other https hops get no credentials, and plain http hops are refused. The type is checked
 * on the response headers and the size while streaming, so an oversize or wrong file is never fully
 * read; the sha256 is computed on the way to a temporary file.
 */
public final class TwilioMediaDownloader {
  private static final Log LOG = Log.get(TwilioMediaDownloader.class);
  private static final int MAX_REDIRECTS = 3;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final MediaSources sources;
  private final MediaPolicy policy;
  private final String basicAuth;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public TwilioMediaDownloader(
      MediaSources sources, MediaPolicy policy, TwilioCredentials credentials) {
    this.sources = sources;
    this.policy = policy;
    String pair = credentials.accountSid() + ":" + credentials.authToken();
    this.basicAuth =
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** A downloaded file; the caller deletes {@code file} when done. */
  public record Downloaded(Path file, String contentType, long size, String sha256) {}

  public Downloaded download(URI url, String declaredType) throws MediaFailure {
    if (!sources.trusted(url)) {
      // "media" and "download" in the message: the runbook greps for exactly that.
      LOG.warn(
          "media download refused: not a Twilio media host",
          "host",
          url == null ? null : url.getHost(),
          "scheme",
          url == null ? null : url.getScheme());
      throw new MediaFailure(
          MediaFailure.FORBIDDEN_HOST, true, "media URL is not on a Twilio media host");
    }
    URI current = url;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      boolean withCredentials = sources.trusted(current);
      if (!withCredentials && !"https".equalsIgnoreCase(current.getScheme())) {
        LOG.warn("media download refused: redirect to an insecure host", "host", current.getHost());
        throw new MediaFailure(
            MediaFailure.FORBIDDEN_HOST, true, "media redirect leads to a non-https host");
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(REQUEST_TIMEOUT).GET();
      if (withCredentials) {
        request.header("Authorization", basicAuth);
      }
      HttpResponse<InputStream> response = send(request.build());
      int status = response.statusCode();
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        close(response);
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
          throw new MediaFailure(MediaFailure.DOWNLOAD_FAILED, true, "redirect without a Location");
        }
        current = current.resolve(location);
        continue;
      }
      if (status != 200) {
        close(response);
        boolean transientFailure = status == 429 || status >= 500;
        LOG.warn("media download failed", "host", current.getHost(), "status", status);
        throw new MediaFailure(
            MediaFailure.DOWNLOAD_FAILED, !transientFailure, "media host answered HTTP " + status);
      }
      return read(response, declaredType);
    }
    throw new MediaFailure(MediaFailure.DOWNLOAD_FAILED, true, "too many redirects");
  }

  private HttpResponse<InputStream> send(HttpRequest request) throws MediaFailure {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      LOG.warn(
          "media download failed",
          "host",
          request.uri().getHost(),
          "cause",
          e.getClass().getSimpleName());
      throw new MediaFailure(
          MediaFailure.DOWNLOAD_FAILED, false, "media host could not be reached", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaFailure(MediaFailure.DOWNLOAD_FAILED, false, "interrupted", e);
    }
  }

  private Downloaded read(HttpResponse<InputStream> response, String declaredType)
      throws MediaFailure {
    String contentType;
    try {
      contentType =
          policy.requireAllowedType(
              response.headers().firstValue("Content-Type").orElse(declaredType));
      OptionalLong length = response.headers().firstValueAsLong("Content-Length");
      if (length.isPresent()) {
        policy.requireSize(length.getAsLong());
      }
    } catch (MediaFailure refused) {
      close(response);
      throw refused;
    }
    Path file = null;
    try (InputStream body = response.body()) {
      file = Files.createTempFile("utalk-media-", ".bin");
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      long size = 0;
      try (DigestInputStream in = new DigestInputStream(body, sha256);
          OutputStream out = Files.newOutputStream(file)) {
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
          size += read;
          policy.requireSize(size);
          out.write(buffer, 0, read);
        }
      }
      return new Downloaded(file, contentType, size, HexFormat.of().formatHex(sha256.digest()));
    } catch (MediaFailure tooLarge) {
      delete(file);
      throw tooLarge;
    } catch (IOException e) {
      delete(file);
      throw new MediaFailure(
          MediaFailure.DOWNLOAD_FAILED, false, "media download was interrupted", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // nothing was read from it; the connection is discarded either way
    }
  }

  static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file; the instance's /tmp is discarded with it
      }
    }
  }
}
