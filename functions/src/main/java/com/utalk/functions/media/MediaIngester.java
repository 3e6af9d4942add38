package com.utalk.functions.media;

import com.google.cloud.functions.CloudEventsFunction;
import com.utalk.events.ConversationEvent;
import com.utalk.events.ProcessedEvents;
import com.utalk.functions.events.EventCall;
import com.utalk.functions.wiring.Backend;
import com.utalk.media.MediaIngestService;
import com.utalk.media.MediaStore;
import com.utalk.messaging.MessageView;
import com.utalk.wiring.Lazy;
import io.cloudevents.CloudEvent;

/**
 * Pub/Sub {@code conversation-events}, {@code message.received} with attachments → downloads them
 * from Twilio into storage. A transient failure fails the invocation, so the event is redelivered
 * and the retry completes the failed items; permanent ones stay {@code failed} with their reason.
 */
public final class MediaIngester implements CloudEventsFunction {
  static final String FUNCTION = "media-ingester";

  private final Backend backend;
  private final MediaStore injectedStore;
  private final Lazy<MediaIngestService> ingest;
  private final Lazy<ProcessedEvents> processed;

  public MediaIngester() {
    this(Backend.fromEnvironment(), null);
  }

  /** {@code store} null: built from settings. */
  public MediaIngester(Backend backend, MediaStore store) {
    this.backend = backend;
    this.injectedStore = store;
    this.ingest =
        Lazy.of(
            () ->
                MediaWiring.ingest(
                    backend, injectedStore != null ? injectedStore : MediaWiring.store(backend)));
    this.processed = Lazy.of(() -> new ProcessedEvents(backend.firestore(), backend.clock()));
  }

  @Override
  public void accept(CloudEvent event) throws Exception {
    EventCall.run(
        FUNCTION,
        event,
        processed(),
        EventCall.ofType(ConversationEvent.MESSAGE_RECEIVED),
        (message, requestId) -> {
          ConversationEvent received = message.json(ConversationEvent.class);
          MessageView inbound = com.utalk.json.Json.convert(received.payload(), MessageView.class);
          if (inbound.media().isEmpty()) {
            return;
          }
          ingest().ingest(received.workspaceId(), inbound);
        });
  }

  private ProcessedEvents processed() {
    return processed.get();
  }

  MediaIngestService ingest() {
    return ingest.get();
  }
}
