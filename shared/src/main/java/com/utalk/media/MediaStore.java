package com.utalk.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where media objects live: Cloud Storage in the cloud ({@link GcsMediaStore}), a folder of the
 * local stack otherwise ({@link LocalMediaStore}). Objects are only ever reached through
 * short-lived signed URLs; nothing is public.
 */
public interface MediaStore {
  void put(String path, String contentType, Path file) throws IOException;

  Optional<StoredObject> stat(String path);

  /**
   * The object's bytes (the media backup copies them); {@link java.io.FileNotFoundException} when
   * absent.
   */
  java.io.InputStream open(String path) throws IOException;

  SignedUrl signedGetUrl(String path, Duration ttl);

  /** A URL the client PUTs the file to, with exactly this {@code Content-Type}. */
  SignedUrl signedPutUrl(String path, String contentType, Duration ttl);

  record StoredObject(long size, String contentType) {}

  record SignedUrl(String url, Instant expiresAt) {}

  /** The object path of a media item: workspace / conversation / media id. */
  static String pathFor(String workspaceId, String conversationId, String mediaId) {
    return workspaceId + "/" + conversationId + "/" + mediaId;
  }
}
