package com.utalk.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Twilio SDK's HTTP client as we configure it, against a local server in Twilio's place: a
 * request to a Twilio host goes to the configured base URL with its path, query, form and
 * credentials unchanged, and a 503 is answered once — never repeated, since a repeated POST would
 * send the customer the same WhatsApp message twice (our outbox retries, with its idempotency key).
 */
class SingleAttemptHttpClientTest {
  private HttpServer twilio;
  private final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    twilio.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + body);
          byte[] answer = "{\"code\": 20500}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(503, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    twilio.start();
  }

  @AfterEach
  void stop() {
    twilio.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + twilio.getAddress().getPort() + "/";
  }

  private static Request send() {
    Request request =
        new Request(
            HttpMethod.POST, "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json");
    request.setAuth("AC1", "token-1");
    request.addPostParam("To", "whatsapp:+5215550000001");
    request.addPostParam("Body", "hola");
    request.addQueryParam("PageSize", "1");
    return request;
  }

  @Test
  void aTwilioRequestReachesTheStandInUnchangedAndA503IsNotRepeated() {
    SingleAttemptHttpClient client = new SingleAttemptHttpClient(base());

    Response response = client.reliableRequest(send(), new int[] {503}, 3, 10);

    assertEquals(503, response.getStatusCode());
    assertEquals(1, received.size(), "one attempt, whatever retry codes the SDK asks for");
    String auth =
        "Basic "
            + Base64.getEncoder().encodeToString("AC1:token-1".getBytes(StandardCharsets.UTF_8));
    String request = received.get(0);
    assertTrue(
        request.startsWith("POST /2010-04-01/Accounts/AC1/Messages.json?PageSize=1 " + auth + " "),
        request);
    assertTrue(
        request.contains("To=whatsapp%3A%2B5215550000001") && request.contains("Body=hola"),
        request);

    client.reliableRequest(send());
    assertEquals(2, received.size(), "the plain reliable request is a single attempt too");
  }

  @Test
  void aUrlOffTwilioIsLeftAsItIs() {
    SingleAttemptHttpClient client = new SingleAttemptHttpClient(base() + "ignored/");
    Request elsewhere =
        new Request(
            HttpMethod.GET,
            "http://127.0.0.1:" + twilio.getAddress().getPort() + "/callback-check");
    assertEquals(503, client.makeRequest(elsewhere).getStatusCode());
    assertTrue(received.get(0).startsWith("GET /callback-check null"), received.get(0));
  }
}
