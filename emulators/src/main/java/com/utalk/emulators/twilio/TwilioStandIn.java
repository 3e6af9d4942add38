package com.utalk.emulators.twilio;

import com.utalk.emulators.http.HttpExchanges;
import com.utalk.emulators.http.HttpServers;
import com.utalk.logging.Log;
import com.utalk.messaging.PhoneNumber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for Twilio's REST API that the official SDK can be pointed at (same paths as
 * api.twilio.com). It records accepted sends, answers programmed faults, and sends status callbacks
 * signed exactly like Twilio's. Tests drive it through this class; the local stack also through the
 * HTTP admin API under {@code /_standin/} (see {@link StandInAdminApi}).
 */
public final class TwilioStandIn implements AutoCloseable {
  private static final Log LOG = Log.get(TwilioStandIn.class);

  /**
   * {@code autoStatusCallbacks}: after each accepted send that names a StatusCallback, post {@code
   * sent} after {@code autoCallbackDelay} and {@code delivered} one delay later.
   */
  public record Options(
      String host,
      int port,
      TwilioAccount account,
      boolean autoStatusCallbacks,
      Duration autoCallbackDelay) {
    /** Port 0 (any free one), callbacks only when a test fires them. */
    public static Options forTests(TwilioAccount account) {
      return new Options("127.0.0.1", 0, account, false, Duration.ofMillis(200));
    }
  }

  /** Volatile: the auth token can be rotated while the stand-in runs (rotateAuthToken). */
  private volatile TwilioAccount account;

  private final MessageLedger ledger = new MessageLedger();
  private final SenderRegistry senders = new SenderRegistry();
  private final MediaFiles media = new MediaFiles();
  private final StatusCallbacks callbacks;
  private final Duration autoDelay;
  private volatile boolean autoStatusCallbacks;

  /** One thread, so the callbacks of a message arrive in order (sent before delivered). */
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          HttpServers.daemonThreads("twilio-standin-callbacks"));

  private final HttpServers.Running server;

  private TwilioStandIn(Options options) {
    this.account = options.account();
    this.callbacks = new StatusCallbacks(this::account, ledger);
    this.autoDelay = options.autoCallbackDelay();
    this.autoStatusCallbacks = options.autoStatusCallbacks();
    this.server = HttpServers.start(options.host(), options.port(), 8, "twilio-standin");
    MessagesApi messages = new MessagesApi(this::account, ledger, senders, this::afterAccepted);
    IncomingPhoneNumbersApi numbers = new IncomingPhoneNumbersApi(this::account, senders);
    server
        .server()
        .createContext(
            "/2010-04-01/",
            exchange -> {
              String path = exchange.getRequestURI().getPath();
              (IncomingPhoneNumbersApi.handles(path)
                      ? numbers
                      : MediaFiles.handles(path) ? media : messages)
                  .handle(exchange);
            });
    server.server().createContext(StandInAdminApi.PREFIX, new StandInAdminApi(this));
    server
        .server()
        .createContext(
            "/",
            exchange ->
                HttpExchanges.sendJson(
                    exchange,
                    404,
                    TwilioError.notFound(exchange.getRequestURI().getPath()).toJson()));
    server.begin();
    LOG.info("twilio stand-in listening", "baseUrl", baseUrl(), "accountSid", account.accountSid());
  }

  /** On 127.0.0.1, a free port, no automatic callbacks. */
  public static TwilioStandIn start(TwilioAccount account) {
    return new TwilioStandIn(Options.forTests(account));
  }

  public static TwilioStandIn start(Options options) {
    return new TwilioStandIn(options);
  }

  /** What to use in place of {@code https://api.twilio.com}, e.g. {@code http://127.0.0.1:8790}. */
  public String baseUrl() {
    return server.baseUrl();
  }

  public int port() {
    return server.port();
  }

  public TwilioAccount account() {
    return account;
  }

  /** Accepted sends, oldest first. */
  public List<SentMessage> sends() {
    return ledger.sends();
  }

  /**
   * Every POST to Messages.json received, including rejected and faulted ones (SDK retries count).
   */
  public int attempts() {
    return ledger.attempts();
  }

  /**
   * Waits until at least {@code count} sends were accepted; fails with an AssertionError otherwise.
   */
  public List<SentMessage> awaitSends(int count, Duration timeout) {
    return ledger.awaitSends(count, timeout);
  }

  /**
   * The next {@code count} send attempts (each HTTP request, so SDK retries consume them too)
   * answer {@code error} instead of being accepted.
   */
  public void failNext(int count, TwilioError error) {
    ledger.addSendFaults(count, error);
  }

  /**
   * The next {@code count} attempts answer 500/503/429. Note the SDK itself retries a 5xx up to
   * three attempts in all, so {@code count < 3} is absorbed by one SDK call.
   */
  public void failNextTransient(int count, int httpStatus) {
    failNext(count, TwilioError.transientFailure(httpStatus));
  }

  /**
   * The next {@code count} attempts answer 400 with Twilio error {@code twilioCode} (e.g. 63016).
   */
  public void failNextPermanent(int count, int twilioCode) {
    failNext(count, TwilioError.permanent(twilioCode));
  }

  /**
   * The next {@code count} accepted sends fail later, as WhatsApp failures usually do: 201 queued,
   * then (after the auto-callback delay, whether or not auto mode is on) a {@code failed} status
   * callback with {@code errorCode}.
   */
  public void failNextDeliveries(int count, int errorCode) {
    ledger.addDeliveryFaults(count, errorCode);
  }

  public void clearFaults() {
    ledger.clearFaults();
  }

  public void autoStatusCallbacks(boolean enabled) {
    this.autoStatusCallbacks = enabled;
  }

  public boolean autoStatusCallbacks() {
    return autoStatusCallbacks;
  }

  /** Posts a signed status callback for an accepted send, now, and returns what happened. */
  public CallbackDelivery fireStatusCallback(String messageSid, String status) {
    return fireStatusCallback(messageSid, status, null, null);
  }

  /**
   * As above; {@code errorCode}/{@code errorMessage} go with failed/undelivered (null: Twilio's
   * defaults).
   */
  public CallbackDelivery fireStatusCallback(
      String messageSid, String status, Integer errorCode, String errorMessage) {
    SentMessage message =
        ledger
            .find(messageSid)
            .orElseThrow(
                () -> new IllegalArgumentException("no message " + messageSid + " was sent"));
    return callbacks.fire(message, status, errorCode, errorMessage);
  }

  /** Status callbacks fired so far (automatic and manual), oldest first. */
  public List<CallbackDelivery> callbacks() {
    return ledger.callbacks();
  }

  public List<CallbackDelivery> awaitCallbacks(int count, Duration timeout) {
    return ledger.awaitCallbacks(count, timeout);
  }

  /** Forgets sends, callbacks and faults (the account and auto mode stay). */
  public void reset() {
    ledger.reset();
  }

  /**
   * Sets where Twilio posts what customers send to {@code phoneNumber} (E.164), as the console's
   * number configuration does; the number is added to the account if it is not there yet.
   */
  public SenderConfig configureSender(String phoneNumber, String smsUrl) {
    return senders.register(phoneNumber, smsUrl);
  }

  /** The account's numbers and their webhook URLs (IncomingPhoneNumbers). */
  public List<SenderConfig> senders() {
    return senders.all();
  }

  /** Messages customers sent, oldest first, with what their webhook answered. */
  public List<InboundMessage> inbound() {
    return senders.inbound();
  }

  /**
   * A customer sends {@code body} to the account's number {@code to}: Twilio posts the signed
   * webhook to that number's configured URL and logs the message with the answer (0: none).
   */
  public InboundMessage receive(PhoneNumber from, PhoneNumber to, String body) {
    return receive(from, to, body, null);
  }

  /**
   * As above, with one attachment of {@code mediaContentType} served by the stand-in's media host
   * (null: text only).
   */
  public InboundMessage receive(
      PhoneNumber from, PhoneNumber to, String body, String mediaContentType) {
    SenderConfig sender =
        senders
            .byNumber(to.e164())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        to.e164() + " is not one of the account's numbers"));
    InboundWebhook webhook = InboundWebhook.text(account, from, to, body);
    if (mediaContentType != null) {
      webhook =
          webhook.withMedia(
              baseUrl()
                  + "/2010-04-01/Accounts/"
                  + account.accountSid()
                  + "/Messages/"
                  + webhook.messageSid()
                  + "/Media/ME"
                  + webhook.messageSid().substring(2),
              mediaContentType);
    }
    int status;
    try {
      status = SimulateInbound.deliver(webhook, java.net.URI.create(sender.smsUrl())).status();
    } catch (Exception e) {
      LOG.info(
          "twilio stand-in could not deliver an inbound webhook",
          "url",
          sender.smsUrl(),
          "error",
          e.getClass().getSimpleName());
      status = 0;
    }
    InboundMessage message =
        new InboundMessage(
            webhook.messageSid(),
            "whatsapp:" + from.e164(),
            "whatsapp:" + to.e164(),
            body,
            java.time.Instant.now(),
            sender.smsUrl(),
            status);
    senders.record(message);
    return message;
  }

  /**
   * The account's primary auth token changes, as when someone rotates it in the console: the REST
   * API accepts only the new one from now on and webhooks are signed with it.
   */
  public void rotateAuthToken(String authToken) {
    account = new TwilioAccount(account.accountSid(), authToken);
  }

  /**
   * The media host answers {@code status} to every download from now on (0: serves the media
   * again).
   */
  public void mediaHostAnswers(int status) {
    media.answer(status);
  }

  SentMessage lastSend() {
    return ledger.last().orElseThrow(() -> new IllegalArgumentException("nothing was sent yet"));
  }

  private void afterAccepted(SentMessage message) {
    if (message.statusCallback() == null) {
      return;
    }
    ledger
        .takeDeliveryFault()
        .ifPresentOrElse(
            code -> schedule(message, "failed", code, autoDelay),
            () -> {
              if (autoStatusCallbacks) {
                schedule(message, "sent", null, autoDelay);
                schedule(message, "delivered", null, autoDelay.multipliedBy(2));
              }
            });
  }

  private void schedule(SentMessage message, String status, Integer errorCode, Duration delay) {
    scheduler.schedule(
        () -> callbacks.fire(message, status, errorCode, null),
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    server.close();
  }
}
