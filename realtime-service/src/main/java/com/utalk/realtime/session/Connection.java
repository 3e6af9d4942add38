package com.utalk.realtime.session;

import com.utalk.auth.Principal;
import com.utalk.realtime.socketio.Socket;
import java.util.Collection;
import java.util.Set;

/** One authenticated agent socket and what it has been sent. */
public record Connection(Socket socket, Principal principal, DeliveredSeqs delivered) {
  public static Connection of(Socket socket) {
    return new Connection(socket, socket.principal(Principal.class), new DeliveredSeqs());
  }

  public String id() {
    return socket.id();
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
