package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Namespaces: each with its own authenticator, listeners and rooms; one client connection holds a
 * socket in several; leaving one, from either side, leaves the others connected.
 */
class NamespacesTest {
  record Name(String name) implements Principal {
    @Override
    public String getName() {
      return name;
    }
  }

  private final List<String> adminEvents = new CopyOnWriteArrayList<>();
  private final List<DisconnectReason> adminDisconnects = new CopyOnWriteArrayList<>();
  private SocketServer server;
  private Namespace admin;
  private String url;

  @BeforeEach
  void start() {
    Authenticator anyone =
        handshake -> CompletableFuture.completedFuture(AuthResult.accept(new Name("main")));
    server = SocketServer.create(TestApp.testConfig().build(), anyone);
    server.onConnection(
        socket -> {
          socket.join("lobby");
          socket.on("ping-main", (args, ack) -> ack.send("pong-main"));
        });
    // only the token "admin" gets into /admin
    Authenticator admins =
        handshake ->
            CompletableFuture.completedFuture(
                "admin".equals(handshake.token().orElse(null))
                    ? AuthResult.accept(new Name("admin"))
                    : AuthResult.reject("admins only"));
    admin = server.of("/admin", admins);
    admin
        .onConnection(
            socket -> {
              socket.join("lobby");
              socket.on("kick-me", (args, ack) -> socket.disconnect());
              socket.on("note", (args, ack) -> adminEvents.add(args.text(0)));
            })
        .onDisconnect((socket, reason) -> adminDisconnects.add(reason));
    server.start();
    url = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close(Duration.ofSeconds(1));
  }

  @Test
  void aNamespaceHasItsOwnAuthenticationAndRooms() {
    RawClients.Ws ws = RawClients.Ws.open(url, "");
    ws.nextNonPing(); // open
    ws.send("40");
    assertTrue(ws.nextNonPing().startsWith("40{\"sid\":"));
    ws.send("40/admin,{\"token\":\"nope\"}");
    assertEquals("44/admin,{\"message\":\"admins only\"}", ws.nextNonPing());
    ws.send("421[\"ping-main\"]");
    assertEquals(
        "431[\"pong-main\"]",
        ws.nextNonPing(),
        "a refused namespace leaves the main one connected");

    ws.send("40/admin,{\"token\":\"admin\"}");
    assertTrue(ws.nextNonPing().startsWith("40/admin,{\"sid\":"));
    admin.to("lobby").emit("hello", "admins");
    assertEquals(
        "42/admin,[\"hello\",\"admins\"]",
        ws.nextNonPing(),
        "a room of /admin is not the main namespace's room of that name");
    server.to("lobby").emit("hello", "everyone");
    assertEquals("42[\"hello\",\"everyone\"]", ws.nextNonPing());
    ws.send("42/admin,[\"note\",\"from admin\"]");
    ws.send("42[\"note\",\"from main\"]");
    ws.send("421[\"ping-main\"]");
    assertEquals("431[\"pong-main\"]", ws.nextNonPing());
    assertEquals(
        List.of("from admin"),
        adminEvents,
        "events reach the handlers of their own namespace only");
    ws.abort();
  }

  @Test
  void leavingOneNamespaceFromEitherSideKeepsTheOthersAndTheSession() {
    RawClients.Ws ws = RawClients.Ws.open(url, "");
    ws.nextNonPing();
    ws.send("40");
    ws.nextNonPing();
    ws.send("40/admin,{\"token\":\"admin\"}");
    ws.nextNonPing();
    ws.send("42/admin,[\"kick-me\"]");
    assertEquals("41/admin,", ws.nextNonPing(), "the server's disconnect names the namespace");
    ws.send("421[\"ping-main\"]");
    assertEquals("431[\"pong-main\"]", ws.nextNonPing());

    ws.send("40/admin,{\"token\":\"admin\"}");
    assertTrue(
        ws.nextNonPing().startsWith("40/admin,"),
        "the namespace can be joined again on the same session");
    ws.send("41/admin,");
    ws.send("41");
    ws.send("40");
    assertTrue(
        ws.nextNonPing().startsWith("40{\"sid\":"),
        "after leaving every namespace the session is still open");
    ws.send("421[\"ping-main\"]");
    assertEquals("431[\"pong-main\"]", ws.nextNonPing());
    assertEquals(
        List.of(
            DisconnectReason.SERVER_NAMESPACE_DISCONNECT,
            DisconnectReason.CLIENT_NAMESPACE_DISCONNECT),
        awaitSize(adminDisconnects, 2));
    ws.abort();
  }

  @Test
  void namespaceNamesAreCheckedAndUnknownOnesRefused() {
    assertThrows(IllegalArgumentException.class, () -> server.of("admin", adminAuthenticator()));
    assertThrows(IllegalArgumentException.class, () -> server.of("/", adminAuthenticator()));
    assertThrows(
        IllegalStateException.class,
        () -> server.of("/admin", adminAuthenticator()),
        "another authenticator");
    RawClients.Ws ws = RawClients.Ws.open(url, "");
    ws.nextNonPing();
    ws.send("40/nowhere,");
    assertEquals("44/nowhere,{\"message\":\"Invalid namespace\"}", ws.nextNonPing());
    ws.abort();
  }

  private static Authenticator adminAuthenticator() {
    return handshake -> CompletableFuture.completedFuture(AuthResult.reject());
  }

  private static <T> List<T> awaitSize(List<T> list, int size) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return List.copyOf(list);
  }
}
