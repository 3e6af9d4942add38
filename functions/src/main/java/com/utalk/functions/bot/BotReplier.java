package com.utalk.functions.bot;

import com.google.cloud.functions.CloudEventsFunction;
import com.utalk.bot.BotService;
import com.utalk.events.ConversationEvent;
import com.utalk.events.ProcessedEvents;
import com.utalk.functions.events.EventCall;
import com.utalk.functions.wiring.Backend;
import com.utalk.wiring.Lazy;
import io.cloudevents.CloudEvent;

/** Pub/Sub {@code conversation-events}, {@code message.received} → the bot answers or escalates. */
public final class BotReplier implements CloudEventsFunction {
  static final String FUNCTION = "bot-replier";

  private final Backend backend;
  private final Lazy<BotService> bot;
  private final Lazy<ProcessedEvents> processed;

  public BotReplier() {
    this(Backend.fromEnvironment());
  }

  public BotReplier(Backend backend) {
    this.backend = backend;
    this.bot = Lazy.of(() -> BotWiring.botService(backend));
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
          bot().handle(message.json(ConversationEvent.class), requestId);
        });
  }

  private ProcessedEvents processed() {
    return processed.get();
  }

  BotService bot() {
    return bot.get();
  }
}
