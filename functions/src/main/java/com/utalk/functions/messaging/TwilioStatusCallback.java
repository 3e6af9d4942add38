package com.utalk.functions.messaging;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.utalk.errors.ValidationException;
import com.utalk.functions.http.HttpCall;
import com.utalk.functions.wiring.Backend;
import com.utalk.messaging.DeliveryStatusService;
import com.utalk.messaging.MessageStatus;
import com.utalk.messaging.StatusReport;
import com.utalk.twilio.TwilioSignatureVerifier;
import com.utalk.validation.Text;
import com.utalk.validation.TwilioSid;
import com.utalk.wiring.Lazy;
import java.io.IOException;
import java.util.Map;

/** POST /webhooks/twilio/status: Twilio's delivery status callback for our outbound messages. */
public final class TwilioStatusCallback implements HttpFunction {
  public static final String PATH = "/webhooks/twilio/status";
  private static final java.util.regex.Pattern ERROR_CODE =
      java.util.regex.Pattern.compile("[0-9]{1,10}");
  private static final int MAX_ERROR_MESSAGE_CHARS = 1024;

  private final Backend backend;
  private final Lazy<TwilioSignatureVerifier> verifier;
  private final Lazy<DeliveryStatusService> statuses;

  public TwilioStatusCallback() {
    this(Backend.fromEnvironment());
  }

  public TwilioStatusCallback(Backend backend) {
    this.backend = backend;
    this.verifier = Lazy.of(() -> Webhooks.signatureVerifier(backend.settings()));
    this.statuses =
        Lazy.of(
            () ->
                new DeliveryStatusService(backend.firestore(), backend.outbox(), backend.clock()));
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    HttpCall.serve(
        request,
        response,
        call -> {
          backend.maintenance().refuseIfActive();
          Map<String, String> form = Webhooks.signedForm(call, PATH, verifier());
          // the same SID rule as the inbound webhook: anything else would be parked as a document
          String sid = TwilioSid.MESSAGE.require("MessageSid", form.get("MessageSid"));
          String reported = form.get("MessageStatus");
          MessageStatus status =
              MessageStatus.fromTwilio(reported)
                  .orElseThrow(
                      () ->
                          new ValidationException(
                              "MessageStatus", "MessageStatus is not one of Twilio's statuses"));
          String errorCode = blankToNull(form.get("ErrorCode"));
          if (errorCode != null && !ERROR_CODE.matcher(errorCode).matches()) {
            throw new ValidationException(
                "ErrorCode", "ErrorCode must be Twilio's numeric error code");
          }
          String errorMessage =
              Text.check(
                  "ErrorMessage", blankToNull(form.get("ErrorMessage")), MAX_ERROR_MESSAGE_CHARS);
          statuses()
              .apply(new StatusReport(sid, status, errorCode, errorMessage), call.requestId());
          call.write(204, "text/plain", new byte[0]);
        });
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private TwilioSignatureVerifier verifier() {
    return verifier.get();
  }

  private DeliveryStatusService statuses() {
    return statuses.get();
  }
}
