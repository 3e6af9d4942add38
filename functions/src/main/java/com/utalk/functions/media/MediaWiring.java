package com.utalk.functions.media;

import com.google.cloud.storage.StorageOptions;
import com.utalk.config.ConfigurationException;
import com.utalk.config.Settings;
import com.utalk.functions.wiring.Backend;
import com.utalk.gcp.GcpProject;
import com.utalk.media.ConversationAccess;
import com.utalk.media.GcsMediaStore;
import com.utalk.media.LocalMediaStore;
import com.utalk.media.MediaIngestService;
import com.utalk.media.MediaPolicy;
import com.utalk.media.MediaSources;
import com.utalk.media.MediaStore;
import com.utalk.media.MediaUploadService;
import com.utalk.media.MediaUrlService;
import com.utalk.media.SignedMediaUrls;
import com.utalk.media.TwilioMediaDownloader;
import com.utalk.twilio.TwilioCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Builds the media services from settings. {@code MEDIA_STORE} is {@code gcs} (default; bucket
 * {@code MEDIA_BUCKET}, default {@code utalk-media}) or {@code local} (the local stack: folder
 * {@code MEDIA_LOCAL_DIR}, URLs under {@code MEDIA_PUBLIC_BASE_URL} or PUBLIC_BASE_URL, signed with
 * the secret {@code MEDIA_URL_SIGNING_KEY}).
 */
public final class MediaWiring {
  private MediaWiring() {}

  public static MediaStore store(Backend backend) {
    Settings settings = backend.settings();
    String kind = settings.get("MEDIA_STORE", "gcs");
    return switch (kind) {
      case "gcs" -> new GcsMediaStore(
          StorageOptions.newBuilder().setProjectId(GcpProject.from(settings).projectId()).build().getService(),
          settings.get("MEDIA_BUCKET", "utalk-media"), null, backend.clock());
      case "local" -> new LocalMediaStore(
          Path.of(settings.get("MEDIA_LOCAL_DIR", ".local/media")),
          settings.require("MEDIA_URL_SIGNING_KEY").getBytes(StandardCharsets.UTF_8),
          settings.get("MEDIA_PUBLIC_BASE_URL", settings.require("PUBLIC_BASE_URL")),
          backend.clock());
      default -> throw new ConfigurationException("MEDIA_STORE must be gcs or local, got '" + kind + "'");
    };
  }

  public static MediaIngestService ingest(Backend backend, MediaStore store) {
    Settings settings = backend.settings();
    TwilioMediaDownloader downloader =
        new TwilioMediaDownloader(MediaSources.from(settings), MediaPolicy.from(settings), TwilioCredentials.from(settings));
    return new MediaIngestService(backend.firestore(), downloader, store, backend.clock());
  }

  public static MediaUrlService urls(Backend backend, MediaStore store, ConversationAccess access) {
    return new MediaUrlService(backend.firestore(), store, access, backend.clock());
  }

  public static MediaUploadService uploads(Backend backend, MediaStore store, ConversationAccess access) {
    return new MediaUploadService(backend.firestore(), store, MediaPolicy.from(backend.settings()), urls(backend, store, access),
        backend.clock());
  }

  /** For the outbound sender: the store is only built when a message actually carries media. */
  public static SignedMediaUrls outboundUrls(Backend backend) {
    Supplier<MediaStore> lazy = new Supplier<>() {
      private MediaStore store;

      @Override
      public synchronized MediaStore get() {
        if (store == null) {
          store = store(backend);
        }
        return store;
      }
    };
    return new SignedMediaUrls(backend.firestore(), lazy, MediaPolicy.from(backend.settings()), backend.clock());
  }
}
