// The reference: the Node socket.io 4.x server doing the same work as the Java bench server
// (src/test/java/.../BenchServer.java). Default options (maxHttpBufferSize 1e6, pingInterval 25000,
// pingTimeout 20000, no perMessageDeflate), so it is socket.io as most people run it.
// usage: node reference-server.js [PORT]   (0 or none = a free port)
// Prints "listening on PORT" and "pid PID". SIGUSR2 runs a full GC when started with --expose-gc,
// so load.js can read the RSS after a GC, as it does for the JVM with `jcmd PID GC.run`.
"use strict";
const http = require("http");
const { Server } = require("socket.io");

const port = Number(process.argv[2] || 0);
const httpServer = http.createServer();
const io = new Server(httpServer); // all defaults on purpose

io.use((socket, next) => {
  const token = socket.handshake.auth && socket.handshake.auth.token;
  if (typeof token === "string" && token.startsWith("good-")) return next();
  next(new Error("unauthorized"));
});

io.on("connection", (socket) => {
  socket.on("echo", (...args) => {
    const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
    if (ack) ack(...args);
  });
  socket.on("join", (room, ack) => {
    socket.join(room);
    if (typeof ack === "function") ack(true);
  });
  socket.on("broadcast", (request, ack) => {
    io.to(request.room).emit("room-message", request.payload);
    // The Java server acks the recipient count; counting here would need fetchSockets (slow), and
    // the load client ignores the value, so just ack.
    if (typeof ack === "function") ack(true);
  });
});

process.on("SIGUSR2", () => {
  if (global.gc) global.gc();
});
process.on("SIGTERM", () => process.exit(0));

httpServer.listen(port, "127.0.0.1", () => {
  console.log("listening on " + httpServer.address().port);
  console.log("pid " + process.pid);
});
