package com.utalk.backup;

import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

/**
 * Backups in a Cloud Storage bucket (its lifecycle rule deletes objects older than the retention as
 * a backstop).
 */
public final class GcsBackupBucket implements BackupBucket {
  private final Storage storage;
  private final String bucket;

  public GcsBackupBucket(Storage storage, String bucket) {
    this.storage = storage;
    this.bucket = bucket;
  }

  @Override
  public OutputStream create(String name) {
    BlobInfo info =
        BlobInfo.newBuilder(bucket, name).setContentType("application/octet-stream").build();
    // The resumable upload commits the object when the channel closes.
    WriteChannel channel = storage.writer(info);
    return Channels.newOutputStream(channel);
  }

  @Override
  public InputStream open(String name) throws IOException {
    Blob blob = storage.get(BlobId.of(bucket, name));
    if (blob == null) {
      throw new FileNotFoundException(name);
    }
    ReadChannel channel = blob.reader();
    return Channels.newInputStream(channel);
  }

  @Override
  public boolean exists(String name) {
    return storage.get(BlobId.of(bucket, name)) != null;
  }

  @Override
  public List<String> list(String prefix) {
    List<String> names = new ArrayList<>();
    for (Blob blob : storage.list(bucket, Storage.BlobListOption.prefix(prefix)).iterateAll()) {
      names.add(blob.getName());
    }
    return names;
  }

  @Override
  public void delete(String name) {
    storage.delete(BlobId.of(bucket, name));
  }
}
