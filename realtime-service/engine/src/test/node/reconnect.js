// Connects, then survives a server restart: prints connected / disconnected / done lines.
// usage: node reconnect.js --url http://127.0.0.1:PORT --mode default|websocket|polling
"use strict";
const { io, args, transportOptions, report, call } = require("./lib");

const { url, mode } = args();
let authCalls = 0;
let connects = 0;
const socket = io(
  url,
  Object.assign(
    {
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
      randomizationFactor: 0,
      // a function, so the token could be refreshed on every (re)connection
      auth: (cb) => {
        authCalls++;
        cb({ token: "good-dora" });
      },
    },
    transportOptions(mode)
  )
);
socket.on("connect", async () => {
  connects++;
  if (connects === 1) {
    report({ event: "connected", id: socket.id, transport: socket.io.engine.transport.name });
    return;
  }
  try {
    const reply = await call(socket, 5000, "echo", "after-restart");
    report({ event: "done", echo: reply[0], authCalls, connects });
  } catch (e) {
    report({ event: "done", error: String(e), authCalls, connects });
  }
  socket.close();
  process.exit(0);
});
socket.on("disconnect", (reason) => report({ event: "disconnected", reason }));
socket.on("connect_error", (err) => report({ event: "connect_error", message: err.message }));
setTimeout(() => {
  report({ event: "timeout", authCalls, connects });
  process.exit(1);
}, 40000);
