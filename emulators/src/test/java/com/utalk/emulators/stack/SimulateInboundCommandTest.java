package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import com.utalk.emulators.http.FormEncoding;
import com.utalk.emulators.testing.RecordingServer;
import com.utalk.emulators.twilio.InboundWebhook;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code emulators/dev simulate-inbound}: the signed webhook Twilio would post for a customer's
 * message, its answer printed; wrong arguments get a usage line and exit 2, an unreachable gateway
 * exit 1, never a stack trace.
 */
class SimulateInboundCommandTest {
  private TestStackFolder stack;
  private RecordingServer gateway;

  @BeforeEach
  void start() throws Exception {
    gateway = new RecordingServer();
    stack = new TestStackFolder().with("UTALK_GATEWAY_PORT", Integer.toString(gateway.port()));
  }

  @AfterEach
  void stop() throws Exception {
    stack.close();
    gateway.close();
  }

  @Test
  void postsAWebhookSignedLikeTwiliosToTheGatewayAndPrintsItsAnswer() throws Exception {
    gateway.thenReply(
        new RecordingServer.Reply(200, Map.of("Content-Type", "text/xml"), "<Response/>"));

    DevCliRun run =
        stack.dev(
            "simulate-inbound",
            "--from",
            "+5215512345678",
            "--body",
            "hola",
            "--media-url",
            "https://api.twilio.com/media/ME1",
            "--profile-name",
            "Ana",
            "--messaging-service-sid",
            "MG00000000000000000000000000000001");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("HTTP 200\n<Response/>"), run.out());
    RecordingServer.Received request = gateway.take(Duration.ofSeconds(5));
    assertEquals(InboundWebhook.PATH, request.path());
    Map<String, String> form = FormEncoding.firstValues(FormEncoding.parse(request.bodyText()));
    assertEquals("whatsapp:+5215512345678", form.get("From"));
    assertEquals("whatsapp:+14155238886", form.get("To"), "the demo number by default");
    assertEquals("hola", form.get("Body"));
    assertEquals("https://api.twilio.com/media/ME1", form.get("MediaUrl0"));
    assertEquals("image/jpeg", form.get("MediaContentType0"), "the default media type");
    assertEquals("Ana", form.get("ProfileName"));
    assertEquals("MG00000000000000000000000000000001", form.get("MessagingServiceSid"));
    assertTrue(
        new RequestValidator(stack.config().twilio().authToken())
            .validate(
                InboundWebhook.publicUrl(stack.config().publicBaseUrl()),
                form,
                request.header("x-twilio-signature")),
        "signed for the public URL, as Twilio signs");
  }

  @Test
  void aRefusedWebhookIsPrintedAndFails() throws Exception {
    gateway.thenReply(new RecordingServer.Reply(503, Map.of("Retry-After", "5"), "maintenance"));

    DevCliRun run =
        stack.dev(
            "simulate-inbound",
            "--from",
            "+5215512345678",
            "--to",
            "+14155238886",
            "--url",
            gateway.baseUrl() + "/somewhere/else");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.out().contains("HTTP 503\nmaintenance"), run.out());
    assertEquals("/somewhere/else", gateway.take(Duration.ofSeconds(5)).path());
  }

  @Test
  void aMissingFromIsAUsageError() {
    DevCliRun run = stack.dev("simulate-inbound", "--body", "hola");

    assertEquals(2, run.exitCode());
    assertEquals(
        "simulate-inbound: --from +E164 is required, e.g. --from +5215512345678\n", run.err());
  }

  @Test
  void anUnknownOptionOrAMissingValueIsAUsageError() {
    DevCliRun unknown = stack.dev("simulate-inbound", "--from", "+5215512345678", "--bodyy", "x");
    DevCliRun noValue = stack.dev("simulate-inbound", "--from");

    assertEquals(2, unknown.exitCode());
    assertTrue(
        unknown.err().startsWith("simulate-inbound: unknown option or missing value: --bodyy"),
        unknown.err());
    assertEquals(2, noValue.exitCode());
    assertTrue(
        noValue.err().startsWith("simulate-inbound: unknown option or missing value: --from"),
        noValue.err());
  }

  @Test
  void aPhoneNumberThatIsNotE164IsRefusedBeforeAnythingIsSent() throws Exception {
    DevCliRun from = stack.dev("simulate-inbound", "--from", "5512345678");
    DevCliRun to = stack.dev("simulate-inbound", "--from", "+5215512345678", "--to", "+1-415");

    assertEquals(2, from.exitCode(), from.toString());
    assertEquals("simulate-inbound: not an E.164 phone number\n", from.err());
    assertEquals(2, to.exitCode(), to.toString());
    assertEquals("simulate-inbound: not an E.164 phone number\n", to.err());
    gateway.assertNoMore(Duration.ofMillis(200));
  }

  @Test
  void anUnreachableGatewayIsReportedWithAHint() throws Exception {
    gateway.close();

    DevCliRun run = stack.dev("simulate-inbound", "--from", "+5215512345678", "--body", "hola");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(
        run.err().contains("could not reach the gateway")
            && run.err().contains("is the stack up? emulators/dev up --detach"),
        run.err());
  }
}
