package com.utalk.realtime.session;

import com.utalk.auth.Principal;
import com.utalk.realtime.auth.SocketPrincipal;
import com.utalk.realtime.socketio.Socket;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * One authenticated agent socket: who, until when its token is valid, its event budget, what it has
 * been sent.
 */
public record Connection(
    Socket socket,
    Principal principal,
    Instant expiresAt,
    EventBudget budget,
    DeliveredSeqs delivered) {
  public static Connection of(Socket socket, EventBudget budget) {
    SocketPrincipal accepted = socket.principal(SocketPrincipal.class);
    return new Connection(
        socket, accepted.principal(), accepted.expiresAt(), budget, new DeliveredSeqs());
  }

  public String id() {
    return socket.id();
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public boolean inAnyOf(Collection<String> rooms) {
    Set<String> joined = socket.rooms();
    for (String room : rooms) {
      if (joined.contains(room)) {
        return true;
      }
    }
    return false;
  }
}
