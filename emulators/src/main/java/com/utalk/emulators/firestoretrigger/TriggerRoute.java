package com.utalk.emulators.firestoretrigger;

import com.utalk.platform.FunctionSpec;
import com.utalk.platform.FunctionTrigger;
import java.net.URI;

/** One Firestore-triggered function: what it subscribes to and where it listens locally. */
public record TriggerRoute(String function, String eventType, DocumentPattern pattern, URI target) {
  public static TriggerRoute of(FunctionSpec spec, URI target) {
    if (!(spec.trigger() instanceof FunctionTrigger.Firestore trigger)) {
      throw new IllegalArgumentException(spec.name() + " is not Firestore-triggered");
    }
    return new TriggerRoute(
        spec.name(), trigger.eventType(), DocumentPattern.parse(trigger.documentPattern()), target);
  }

  public static TriggerRoute of(
      String function, String eventType, String documentPattern, URI target) {
    return new TriggerRoute(function, eventType, DocumentPattern.parse(documentPattern), target);
  }
}
