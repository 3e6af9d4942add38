package com.utalk.functions.api;

import com.utalk.events.EventOutbox;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.messaging.InboundIngestService;
import com.utalk.messaging.InboundMessage;
import com.utalk.messaging.PhoneNumber;
import com.utalk.workspace.Workspace;
import com.utalk.workspace.WorkspaceDirectory;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Conversations opened as in production: a customer message through the webhook's ingest service.
 */
public final class CustomerMessages implements AutoCloseable {
  private final PubSubEventPublisher publisher;
  private final InboundIngestService ingest;

  public CustomerMessages(ApiHarness api, Workspace... workspaces) {
    WorkspaceDirectory directory = new WorkspaceDirectory(api.firestore(), Clock.systemUTC());
    for (Workspace workspace : workspaces) {
      directory.save(workspace);
    }
    publisher = new PubSubEventPublisher(api.env.pubsub());
    ingest =
        new InboundIngestService(
            api.firestore(),
            directory,
            new EventOutbox(api.firestore(), publisher, Clock.systemUTC()),
            Clock.systemUTC());
  }

  /**
   * A customer at {@code from} writes "hola" to the business number {@code to}; returns the
   * conversation id.
   */
  public String open(String from, String to) {
    return ingest
        .ingest(
            new InboundMessage(
                "SM" + UUID.randomUUID().toString().replace("-", ""),
                null,
                PhoneNumber.parse(from),
                PhoneNumber.parse(to),
                "hola",
                "Cliente",
                from.substring(1),
                List.of()),
            "req-customer")
        .conversationId();
  }

  @Override
  public void close() throws Exception {
    publisher.close();
  }
}
