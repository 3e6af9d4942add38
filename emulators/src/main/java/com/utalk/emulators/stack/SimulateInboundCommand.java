package com.utalk.emulators.stack;

import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.emulators.twilio.SimulateInbound;
import com.utalk.messaging.PhoneNumber;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code simulate-inbound --from +E164 [--body TEXT] [--media-url URL --media-type TYPE] [--to
 * +E164] [--profile-name NAME] [--messaging-service-sid MG…] [--url TARGET]}: a signed inbound
 * webhook to the gateway. Prints the status and body; exits 0 on a 2xx.
 */
final class SimulateInboundCommand {
  private static final Set<String> OPTIONS =
      Set.of(
          "--from",
          "--body",
          "--media-url",
          "--media-type",
          "--to",
          "--profile-name",
          "--messaging-service-sid",
          "--url");

  private SimulateInboundCommand() {}

  static int run(StackConfig config, List<String> args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!OPTIONS.contains(name) || i + 1 >= args.size()) {
        System.err.println(
            "simulate-inbound: unknown option or missing value: "
                + name
                + " (options: "
                + String.join(" ", OPTIONS)
                + ")");
        return 2;
      }
      options.put(name, args.get(++i));
    }
    if (!options.containsKey("--from")) {
      System.err.println("simulate-inbound: --from +E164 is required, e.g. --from +5215512345678");
      return 2;
    }
    try {
      InboundWebhook webhook =
          InboundWebhook.text(
              config.twilio(),
              PhoneNumber.parse(options.get("--from")),
              PhoneNumber.parse(options.getOrDefault("--to", config.whatsappNumber())),
              options.getOrDefault("--body", ""));
      if (options.containsKey("--media-url")) {
        webhook =
            webhook.withMedia(
                options.get("--media-url"), options.getOrDefault("--media-type", "image/jpeg"));
      }
      if (options.containsKey("--profile-name")) {
        webhook = webhook.withProfileName(options.get("--profile-name"));
      }
      if (options.containsKey("--messaging-service-sid")) {
        webhook = webhook.withMessagingServiceSid(options.get("--messaging-service-sid"));
      }
      URI target =
          URI.create(options.getOrDefault("--url", config.gatewayUrl() + InboundWebhook.PATH));
      System.out.println(
          "POST "
              + target
              + "  (MessageSid "
              + webhook.messageSid()
              + ", signed for "
              + InboundWebhook.publicUrl(config.publicBaseUrl())
              + ")");
      SimulateInbound.Result result = SimulateInbound.post(webhook, target, config.publicBaseUrl());
      System.out.println("HTTP " + result.status());
      System.out.println(result.body());
      return result.status() >= 200 && result.status() < 300 ? 0 : 1;
    } catch (IllegalArgumentException e) {
      System.err.println("simulate-inbound: " + e.getMessage());
      return 2;
    } catch (java.io.IOException e) {
      System.err.println(
          "simulate-inbound: could not reach the gateway ("
              + e
              + "); is the stack up? emulators/dev up --detach");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
