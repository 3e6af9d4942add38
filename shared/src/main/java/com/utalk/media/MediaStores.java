package com.utalk.media;

import com.google.cloud.storage.StorageOptions;
import com.utalk.config.ConfigurationException;
import com.utalk.config.Settings;
import com.utalk.gcp.GcpProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The media store the settings name (MEDIA_STORE gcs or local): the functions and the operator CLI
 * build it here.
 */
public final class MediaStores {
  private MediaStores() {}

  public static MediaStore fromSettings(Settings settings, Clock clock) {
    String kind = settings.get("MEDIA_STORE", "gcs");
    return switch (kind) {
      case "gcs" ->
          new GcsMediaStore(
              StorageOptions.newBuilder()
                  .setProjectId(GcpProject.from(settings).projectId())
                  .build()
                  .getService(),
              settings.get("MEDIA_BUCKET", "utalk-media"),
              null,
              clock);
      case "local" ->
          new LocalMediaStore(
              Path.of(settings.get("MEDIA_LOCAL_DIR", ".local/media")),
              settings.require("MEDIA_URL_SIGNING_KEY").getBytes(StandardCharsets.UTF_8),
              settings.get("MEDIA_PUBLIC_BASE_URL", settings.require("PUBLIC_BASE_URL")),
              clock);
      default ->
          throw new ConfigurationException("MEDIA_STORE must be gcs or local, got '" + kind + "'");
    };
  }
}
