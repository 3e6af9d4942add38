package com.utalk.functions.bot;

import com.google.cloud.functions.CloudEventsFunction;
import com.utalk.bot.BotService;
import com.utalk.events.ConversationEvent;
import com.utalk.events.ProcessedEvents;
import com.utalk.functions.events.EventCall;
import com.utalk.functions.wiring.Backend;
import io.cloudevents.CloudEvent;

/** Pub/Sub {@code conversation-events}, {@code message.received} → the bot answers or escalates. */
public final class BotReplier implements CloudEventsFunction {
  static final String FUNCTION = "bot-replier";

  private final Backend backend;
  private volatile BotService bot;
  private volatile ProcessedEvents processed;

  public BotReplier() {
    this(Backend.fromEnvironment());
  }

  public BotReplier(Backend backend) {
    this.backend = backend;
  }

  @Override
  public void accept(CloudEvent event) throws Exception {
    EventCall.run(FUNCTION, event, processed(), EventCall.ofType(ConversationEvent.MESSAGE_RECEIVED), (message, requestId) -> {
      bot().handle(message.json(ConversationEvent.class), requestId);
    });
  }

  private synchronized ProcessedEvents processed() {
    if (processed == null) {
      processed = new ProcessedEvents(backend.firestore(), backend.clock());
    }
    return processed;
  }

  synchronized BotService bot() {
    if (bot == null) {
      bot = BotWiring.botService(backend);
    }
    return bot;
  }
}
