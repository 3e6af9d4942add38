package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Minimal Engine.IO clients speaking the wire format directly, for protocol-level tests. */
final class RawClients {
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RawClients() {}

  static HttpResponse<String> get(String url, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request.build());
  }

  static HttpResponse<String> post(String url, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "text/plain;charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    }
  }

  /**
   * Sends a hand-written HTTP/1.1 request and returns the response head (status line + headers).
   */
  static String rawHttp(int port, String request) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder head = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        head.append(line).append('\n');
      }
      return head.toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends a hand-written HTTP/1.1 request and returns the response: its head, and its body when it
   * has a {@code Content-Length}.
   */
  static String rawHttpResponse(int port, String request) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      java.io.InputStream in = socket.getInputStream();
      java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
      }
      String text = head.toString(StandardCharsets.US_ASCII);
      java.util.regex.Matcher length =
          java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
      if (!length.find()) {
        return text;
      }
      return text
          + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A long-polling session. */
  static final class Polling {
    final String base;
    final String sid;
    final JsonNode handshake;

    Polling(String serverUrl) {
      this.base = serverUrl + "/socket.io/?EIO=4&transport=polling";
      HttpResponse<String> open = get(base);
      assertEquals(200, open.statusCode(), open.body());
      assertEquals('0', open.body().charAt(0), open.body());
      this.handshake = TestJson.read(open.body().substring(1).getBytes(StandardCharsets.UTF_8));
      this.sid = handshake.path("sid").asText();
    }

    String url() {
      return base + "&sid=" + sid;
    }

    HttpResponse<String> poll() {
      return get(url());
    }

    CompletableFuture<HttpResponse<String>> pollAsync() {
      return HTTP.sendAsync(
          HttpRequest.newBuilder(URI.create(url())).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(String payload) {
      return post(url(), payload);
    }

    /** POSTs a CONNECT and returns what the next GET brings. */
    String connect(String token) {
      assertEquals("ok", send("40{\"token\":\"" + token + "\"}").body());
      return poll().body();
    }
  }

  /** A WebSocket collecting text messages (and binary ones as "<binary n bytes>"). */
  static final class Ws implements WebSocket.Listener {
    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    static Ws open(String serverUrl, String query) {
      Ws ws = new Ws();
      String url =
          serverUrl.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket" + query;
      ws.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), ws).join();
      return ws;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      messages.add("<binary " + data.remaining() + " bytes>");
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
      messages.add("<pong " + StandardCharsets.UTF_8.decode(message) + ">");
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }

    void send(String text) {
      socket.sendText(text, true).join();
    }

    String next() {
      return next(Duration.ofSeconds(5));
    }

    String next(Duration timeout) {
      try {
        String message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
          fail("no WebSocket message within " + timeout);
        }
        return message;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Skips heartbeat pings (answering them) until a message that is not a ping. */
    String nextNonPing() {
      while (true) {
        String message = next();
        if (!message.equals("2")) {
          return message;
        }
        send("3");
      }
    }

    int awaitClose() {
      return closed.orTimeout(10, TimeUnit.SECONDS).join();
    }

    void abort() {
      socket.abort();
    }
  }
}
