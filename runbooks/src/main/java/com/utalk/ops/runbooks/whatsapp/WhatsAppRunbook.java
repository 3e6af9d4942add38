package com.utalk.ops.runbooks.whatsapp;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.twilio.exception.ApiException;
import com.utalk.messaging.Message;
import com.utalk.ops.cli.Evidence;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsAction;
import com.utalk.ops.cli.OpsAudit;
import com.utalk.ops.cli.OpsCommand;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.environment.LogQuery;
import com.utalk.ops.environment.Target;
import com.utalk.ops.probes.HttpProbe;
import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import com.utalk.platform.FunctionTrigger;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "No llegan mensajes de WhatsApp" (runbooks/no-llegan-mensajes-de-whatsapp.md), checked in the
 * order that explains the most: can the backend store anything (health), does Twilio accept the
 * environment's credentials, does each number's webhook URL at Twilio name this environment, what
 * did the webhook answer lately, and did everything Twilio received get stored. The fix points a
 * number's webhook back at PUBLIC_BASE_URL.
 */
public final class WhatsAppRunbook implements OpsCommand {
  static final String FUNCTION = "whatsapp-inbound-webhook";

  @Override
  public String name() {
    return "whatsapp";
  }

  @Override
  public String summary() {
    return "\"No llegan mensajes de WhatsApp\" (runbooks/no-llegan-mensajes-de-whatsapp.md)";
  }

  @Override
  public List<OpsAction> actions() {
    return List.of(
        OpsAction.reading(
            "diagnose",
            "health, Twilio credentials, webhook URL at Twilio vs PUBLIC_BASE_URL, webhook statuses "
                + "and refusals, Twilio's message log vs stored [--since 15m]",
            this::diagnose),
        OpsAction.changing(
            "fix",
            "point each number's webhook at PUBLIC_BASE_URL (asks first, audited, idempotent)",
            this::fix));
  }

  /** PUBLIC_BASE_URL + the webhook function's path: the only URL Twilio should post to. */
  static String expectedUrl(Target target) {
    FunctionSpec webhook =
        FunctionCatalog.FUNCTIONS.stream()
            .filter(f -> f.name().equals(FUNCTION))
            .findFirst()
            .orElseThrow();
    return target.publicBaseUrl().replaceAll("/+$", "")
        + ((FunctionTrigger.Http) webhook.trigger()).path();
  }

  private Finding diagnose(OpsContext context) throws Exception {
    Target target = context.target();
    List<Evidence> evidence = new ArrayList<>();
    Instant since = context.clock().instant().minus(context.options().since());

    HttpProbe.Answer health = HttpProbe.get(target.publicBaseUrl() + "/health/database");
    evidence.add(Evidence.of("GET /health/database", health.summary()));
    WebhookTraffic traffic =
        WebhookTraffic.of(target.logs().read(LogQuery.of(FUNCTION, since, null)));
    evidence.add(
        Evidence.of(
            "webhook requests since " + since, traffic.requests() + " " + traffic.byStatusClass()));
    evidence.add(Evidence.of("webhook refusals by error", traffic.refusals()));
    traffic.lastFailures().forEach(failure -> evidence.add(Evidence.of("failed webhook", failure)));

    if (!health.answered()) {
      return Finding.problem(
          "the backend does not answer at PUBLIC_BASE_URL "
              + target.publicBaseUrl()
              + " ("
              + health.error()
              + ")",
          "check the gateway / load balancer and the functions (local: emulators/dev status)",
          evidence);
    }
    if (health.status() == 503) {
      return Finding.problem(
          "Firestore unreachable: /health/database answered "
              + health.summary()
              + "; webhooks answer 503 "
              + "and Twilio retries them",
          "check Firestore (local: emulators/dev status; cloud: the Firestore status page and "
              + "quota); nothing to fix from here — escalate if it lasts over 5 min",
          evidence);
    }

    String expected = expectedUrl(target);
    TwilioSenders twilio = new TwilioSenders(target.twilio());
    List<TwilioSenders.Sender> numbers;
    try {
      numbers = twilio.numbers();
    } catch (ApiException e) {
      return credentialsRefused(e, evidence);
    }
    evidence.add(Evidence.of("webhook URL expected", expected));
    List<TwilioSenders.Sender> wrong = new ArrayList<>();
    for (TwilioSenders.Sender number : numbers) {
      evidence.add(
          Evidence.of("number " + number.phoneNumber(), "webhook at Twilio " + number.smsUrl()));
      if (!expected.equals(number.smsUrl())) {
        wrong.add(number);
      }
    }
    if (!wrong.isEmpty()) {
      TwilioSenders.Sender first = wrong.get(0);
      boolean samePath =
          first.smsUrl() != null
              && URI.create(first.smsUrl()).getPath().equals(URI.create(expected).getPath());
      if (samePath && traffic.refused("invalid_signature") > 0) {
        return Finding.problem(
            "PUBLIC_BASE_URL mismatch: Twilio posts to and signs for "
                + first.smsUrl()
                + " but the function checks "
                + "signatures against "
                + expected
                + " — "
                + traffic.refused("invalid_signature")
                + " webhook(s) refused 403 invalid_signature",
            context.command("whatsapp fix")
                + " (or, if Twilio's URL is the right one, correct the domain in terraform)",
            evidence);
      }
      return Finding.problem(
          "the webhook URL at Twilio for "
              + first.phoneNumber()
              + " points elsewhere ("
              + first.smsUrl()
              + "), not at "
              + expected
              + (wrong.size() > 1 ? " (and " + (wrong.size() - 1) + " more number(s))" : ""),
          context.command("whatsapp fix"),
          evidence);
    }
    if (traffic.refused("invalid_signature") > 0) {
      return Finding.problem(
          traffic.refused("invalid_signature")
              + " webhook(s) refused 403 invalid_signature although the URL matches: "
              + "the auth token Twilio signs with is not TWILIO_AUTH_TOKEN",
          "compare the console's primary auth token with secret twilio-auth-token (a rotated token?) and redeploy",
          evidence);
    }

    int received = 0;
    List<String> missing = new ArrayList<>();
    for (TwilioSenders.Sender number : numbers) {
      List<TwilioSenders.Received> log = twilio.received(number.phoneNumber(), since);
      received += log.size();
      missing.addAll(notStored(target.firestore(), log));
    }
    evidence.add(Evidence.of("messages Twilio received since " + since, received));
    evidence.add(
        Evidence.of(
            "of them not stored",
            missing.size()
                + (missing.isEmpty()
                    ? ""
                    : " e.g. " + missing.subList(0, Math.min(5, missing.size())))));
    if (!missing.isEmpty()) {
      return Finding.problem(
          missing.size()
              + " of "
              + received
              + " message(s) Twilio received since "
              + since
              + " were not stored "
              + "(webhook "
              + traffic.byStatusClass()
              + ")",
          "look up the failed webhooks' request IDs in the webhook function's logs; Twilio does not resend after its retries",
          evidence);
    }
    if (traffic.count("5xx") > 0) {
      return Finding.problem(
          traffic.count("5xx")
              + " webhook(s) answered 5xx since "
              + since
              + " (Twilio retried them)",
          "look up the failed webhooks' request IDs in the webhook function's logs",
          evidence);
    }
    if (traffic.refused("unknown_number") > 0) {
      return Finding.problem(
          traffic.refused("unknown_number")
              + " webhook(s) for a To number no workspace owns (404 unknown_number)",
          "add the number to its workspace (workspaces/whatsappNumbers) or remove its webhook at Twilio",
          evidence);
    }
    return Finding.ok(evidence);
  }

  /**
   * Twilio's 401 (code 20003): the token the environment holds is not the account's; no fix from
   * here can change that.
   */
  static Finding credentialsRefused(ApiException e, List<Evidence> evidence) {
    evidence.add(
        Evidence.of("Twilio IncomingPhoneNumbers", e.getStatusCode() + " code " + e.getCode()));
    if (e.getStatusCode() == null || e.getStatusCode() != 401) {
      throw e;
    }
    return Finding.problem(
        "Twilio refuses the environment's credentials (20003): TWILIO_AUTH_TOKEN is not the account's "
            + "current auth token, so every webhook signature check fails too",
        "put the console's primary auth token into secret twilio-auth-token and redeploy; escalate to whoever rotated it",
        evidence);
  }

  /** The sids of {@code log} without a stored message (messages/{inboundId}). */
  static List<String> notStored(Firestore firestore, List<TwilioSenders.Received> log)
      throws Exception {
    if (log.isEmpty()) {
      return List.of();
    }
    DocumentReference[] refs =
        log.stream()
            .map(
                received ->
                    firestore
                        .collection(Collections.MESSAGES)
                        .document(Message.inboundId(received.sid())))
            .toArray(DocumentReference[]::new);
    List<String> missing = new ArrayList<>();
    List<DocumentSnapshot> snapshots = FirestoreCalls.await(firestore.getAll(refs));
    for (int i = 0; i < snapshots.size(); i++) {
      if (!snapshots.get(i).exists()) {
        missing.add(log.get(i).sid());
      }
    }
    return missing;
  }

  private Finding fix(OpsContext context) {
    Target target = context.target();
    String expected = expectedUrl(target);
    TwilioSenders twilio = new TwilioSenders(target.twilio());
    List<Evidence> evidence = new ArrayList<>();
    List<TwilioSenders.Sender> wrong;
    try {
      wrong =
          twilio.numbers().stream().filter(number -> !expected.equals(number.smsUrl())).toList();
    } catch (ApiException e) {
      return credentialsRefused(e, evidence);
    }
    if (wrong.isEmpty()) {
      return Finding.ok("nothing to fix: every number's webhook is " + expected, evidence);
    }
    for (TwilioSenders.Sender number : wrong) {
      if (!context.confirm(
          "set the webhook of "
              + number.phoneNumber()
              + " at Twilio from "
              + number.smsUrl()
              + " to "
              + expected)) {
        return Finding.declined("webhook of " + number.phoneNumber());
      }
      twilio.pointWebhookAt(number.sid(), expected);
      context.audit(
          OpsAudit.PLATFORM,
          com.utalk.audit.AuditActions.OPS_TWILIO_WEBHOOK_URL,
          "twilioIncomingPhoneNumber",
          number.sid(),
          Map.of("smsUrl", String.valueOf(number.smsUrl())),
          Map.of("smsUrl", expected));
      evidence.add(
          Evidence.of("number " + number.phoneNumber(), number.smsUrl() + " -> " + expected));
    }
    List<TwilioSenders.Sender> still =
        twilio.numbers().stream().filter(number -> !expected.equals(number.smsUrl())).toList();
    if (!still.isEmpty()) {
      return Finding.problem(
          "Twilio still has another webhook for " + still.get(0).phoneNumber(),
          "set it in the Twilio console",
          evidence);
    }
    return Finding.ok(
        "webhook of "
            + wrong.size()
            + " number(s) now "
            + expected
            + "; send a test message and run diagnose",
        evidence);
  }
}
