// The reference server of the socket.io-protocol suite, as the suite's README configures it; the
// port comes from the command line. Prints "listening <port>" once it listens.
import { Server } from "socket.io";

const io = new Server(Number(process.argv[2] || 3000), {
  pingInterval: 300,
  pingTimeout: 200,
  maxPayload: 1000000,
  connectTimeout: 1000,
  cors: {
    origin: "*",
  },
});

io.on("connection", (socket) => {
  socket.emit("auth", socket.handshake.auth);

  socket.on("message", (...args) => {
    socket.emit.apply(socket, ["message-back", ...args]);
  });

  socket.on("message-with-ack", (...args) => {
    const ack = args.pop();
    ack(...args);
  });
});

io.of("/custom").on("connection", (socket) => {
  socket.emit("auth", socket.handshake.auth);
});

io.httpServer.on("listening", () => console.log(`listening ${io.httpServer.address().port}`));
