package com.utalk.media;

import com.google.auth.ServiceAccountSigner;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.HttpMethod;
import com.google.cloud.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Media in a Cloud Storage bucket, reached through V4 signed URLs. {@code signer} signs them; null
 * means the storage client's own credentials (on Cloud Functions the runtime service account, which
 * signs through the IAM signBlob API and needs Service Account Token Creator on itself). Tests pass
 * a locally generated key.
 */
public final class GcsMediaStore implements MediaStore {
  private final Storage storage;
  private final String bucket;
  private final ServiceAccountSigner signer;
  private final Clock clock;

  public GcsMediaStore(Storage storage, String bucket, ServiceAccountSigner signer, Clock clock) {
    this.storage = storage;
    this.bucket = bucket;
    this.signer = signer;
    this.clock = clock;
  }

  @Override
  public void put(String path, String contentType, Path file) throws IOException {
    BlobInfo info = BlobInfo.newBuilder(bucket, path).setContentType(contentType).build();
    try (WriteChannel channel = storage.writer(info);
        OutputStream out = Channels.newOutputStream(channel);
        InputStream in = Files.newInputStream(file)) {
      in.transferTo(out);
    }
  }

  @Override
  public Optional<StoredObject> stat(String path) {
    Blob blob = storage.get(BlobId.of(bucket, path));
    return blob == null
        ? Optional.empty()
        : Optional.of(new StoredObject(blob.getSize(), blob.getContentType()));
  }

  @Override
  public InputStream open(String path) throws IOException {
    Blob blob = storage.get(BlobId.of(bucket, path));
    if (blob == null) {
      throw new java.io.FileNotFoundException(path);
    }
    return Channels.newInputStream(blob.reader());
  }

  @Override
  public SignedUrl signedGetUrl(String path, Duration ttl) {
    return sign(BlobInfo.newBuilder(bucket, path).build(), ttl, HttpMethod.GET, null);
  }

  @Override
  public SignedUrl signedPutUrl(String path, String contentType, Duration ttl) {
    return sign(
        BlobInfo.newBuilder(bucket, path).setContentType(contentType).build(),
        ttl,
        HttpMethod.PUT,
        contentType);
  }

  private SignedUrl sign(BlobInfo blob, Duration ttl, HttpMethod method, String contentType) {
    List<Storage.SignUrlOption> options = new ArrayList<>();
    options.add(Storage.SignUrlOption.withV4Signature());
    options.add(Storage.SignUrlOption.httpMethod(method));
    if (contentType != null) {
      // The uploader must send exactly this type: a signed URL for a PDF cannot carry an
      // executable.
      options.add(Storage.SignUrlOption.withExtHeaders(Map.of("Content-Type", contentType)));
    }
    if (signer != null) {
      options.add(Storage.SignUrlOption.signWith(signer));
    }
    String url =
        storage
            .signUrl(
                blob,
                ttl.toSeconds(),
                TimeUnit.SECONDS,
                options.toArray(Storage.SignUrlOption[]::new))
            .toString();
    return new SignedUrl(url, clock.instant().plus(ttl));
  }
}
