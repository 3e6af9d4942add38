package com.utalk.realtime.subscription;

import com.utalk.config.ConfigurationException;
import com.utalk.config.Settings;
import java.util.Locale;

/**
 * How the instance subscription receives: the client library's streaming pull (production), or a
 * loop of long-polling unary pulls. The Pub/Sub emulator never answers the streaming pull's
 * heartbeats, so the client closes an idle stream every 20-50 s and the emulator keeps handing
 * messages to the dead stream until their lease runs out: events arrive seconds to minutes late. A
 * unary pull holds no stream; the emulator answers it as soon as a message is there.
 */
public enum PullMode {
  STREAMING,
  LONG_POLL;

  public static final String SETTING = "REALTIME_PUBSUB_PULL";

  /**
   * {@code REALTIME_PUBSUB_PULL} = {@code streaming} | {@code long-poll}; default long-poll on the
   * emulator.
   */
  public static PullMode from(Settings settings, boolean emulator) {
    String value =
        settings.get(SETTING, emulator ? "long-poll" : "streaming").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "streaming" -> STREAMING;
      case "long-poll" -> LONG_POLL;
      default ->
          throw new ConfigurationException(
              SETTING + " must be streaming or long-poll, got '" + value + "'");
    };
  }
}
