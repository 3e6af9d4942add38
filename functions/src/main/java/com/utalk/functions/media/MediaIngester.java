package com.utalk.functions.media;

import com.google.cloud.functions.CloudEventsFunction;
import com.utalk.events.ConversationEvent;
import com.utalk.events.ProcessedEvents;
import com.utalk.functions.events.EventCall;
import com.utalk.functions.wiring.Backend;
import com.utalk.media.MediaIngestService;
import com.utalk.media.MediaStore;
import com.utalk.messaging.MessageView;
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
  private volatile MediaIngestService ingest;
  private volatile ProcessedEvents processed;

  public MediaIngester() {
    this(Backend.fromEnvironment(), null);
  }

  /** {@code store} null: built from settings. */
  public MediaIngester(Backend backend, MediaStore store) {
    this.backend = backend;
    this.injectedStore = store;
  }

  @Override
  public void accept(CloudEvent event) throws Exception {
    EventCall.run(FUNCTION, event, processed(), EventCall.ofType(ConversationEvent.MESSAGE_RECEIVED), (message, requestId) -> {
      ConversationEvent received = message.json(ConversationEvent.class);
      MessageView inbound = com.utalk.json.Json.convert(received.payload(), MessageView.class);
      if (inbound.media().isEmpty()) {
        return;
      }
      ingest().ingest(received.workspaceId(), inbound);
    });
  }

  private synchronized ProcessedEvents processed() {
    if (processed == null) {
      processed = new ProcessedEvents(backend.firestore(), backend.clock());
    }
    return processed;
  }

  synchronized MediaIngestService ingest() {
    if (ingest == null) {
      ingest = MediaWiring.ingest(backend, injectedStore != null ? injectedStore : MediaWiring.store(backend));
    }
    return ingest;
  }
}
