// The reference server of the engine.io-protocol suite, as the suite's README configures it; the
// port comes from the command line. Prints "listening <port>" once it listens.
import { listen } from "engine.io";

const port = Number(process.argv[2] || 3000);
const server = listen(port, {
  pingInterval: 300,
  pingTimeout: 200,
  maxPayload: 1e6,
  cors: {
    origin: "*",
  },
});

server.on("connection", (socket) => {
  socket.on("data", (...args) => {
    socket.send(...args);
  });
});

server.httpServer.on("listening", () => console.log(`listening ${server.httpServer.address().port}`));
