package com.utalk.functions.media;

import com.utalk.config.Settings;
import com.utalk.functions.wiring.Backend;
import com.utalk.media.ConversationAccess;
import com.utalk.media.MediaIngestService;
import com.utalk.media.MediaPolicy;
import com.utalk.media.MediaSources;
import com.utalk.media.MediaStore;
import com.utalk.media.MediaUploadService;
import com.utalk.media.MediaUrlService;
import com.utalk.media.SignedMediaUrls;
import com.utalk.media.TwilioMediaDownloader;
import com.utalk.twilio.TwilioCredentials;
import com.utalk.wiring.Lazy;

/**
 * Builds the media services from settings. {@code MEDIA_STORE} is {@code gcs} (default; bucket
 * {@code MEDIA_BUCKET}, default {@code utalk-media}) or {@code local} (the local stack: folder
 * {@code MEDIA_LOCAL_DIR}, URLs under {@code MEDIA_PUBLIC_BASE_URL} or PUBLIC_BASE_URL, signed with
 * the secret {@code MEDIA_URL_SIGNING_KEY}).
 */
public final class MediaWiring {
  private MediaWiring() {}

  public static MediaStore store(Backend backend) {
    return com.utalk.media.MediaStores.fromSettings(backend.settings(), backend.clock());
  }

  public static MediaIngestService ingest(Backend backend, MediaStore store) {
    Settings settings = backend.settings();
    TwilioMediaDownloader downloader =
        new TwilioMediaDownloader(
            MediaSources.from(settings),
            MediaPolicy.from(settings),
            TwilioCredentials.from(settings));
    return new MediaIngestService(backend.firestore(), downloader, store, backend.clock());
  }

  public static MediaUrlService urls(Backend backend, MediaStore store, ConversationAccess access) {
    return new MediaUrlService(backend.firestore(), store, access, backend.clock());
  }

  public static MediaUploadService uploads(
      Backend backend, MediaStore store, ConversationAccess access) {
    return new MediaUploadService(
        backend.firestore(),
        store,
        MediaPolicy.from(backend.settings()),
        urls(backend, store, access),
        backend.clock());
  }

  /** For the outbound sender: the store is only built when a message actually carries media. */
  public static SignedMediaUrls outboundUrls(Backend backend) {
    return new SignedMediaUrls(
        backend.firestore(),
        Lazy.of(() -> store(backend)),
        MediaPolicy.from(backend.settings()),
        backend.clock());
  }
}
