// Connection-state recovery with the real client: alice joins a room, loses her connection
// (engine.close(), as the Socket.IO docs simulate it), bob broadcasts to the room meanwhile, then
// alice reconnects (by hand after --away ms, so that the broadcasts surely fall in her absence). Prints one JSON object: whether she was recovered, her socket id
// before and after, what she received after reconnecting, and a live broadcast afterwards.
// usage: node recovery.js --url http://127.0.0.1:PORT --mode default|websocket|polling --away MS
"use strict";
const { io, args, transportOptions, report, sleep, call } = require("./lib");

const { url, mode, away } = args();

async function main() {
  const options = Object.assign({ forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 200, randomizationFactor: 0 },
    transportOptions(mode));
  const alice = io(url, Object.assign({ auth: { token: "good-alice" } }, options));
  const bob = io(url, Object.assign({ auth: { token: "good-bob" }, reconnection: false }, options));
  await Promise.all([new Promise((r) => alice.once("connect", r)), new Promise((r) => bob.once("connect", r))]);
  const received = [];
  alice.on("room-message", (payload, offset) => received.push({ payload, offset: typeof offset }));
  await call(alice, 5000, "join", "room-a");
  await call(bob, 5000, "broadcast", { room: "room-a", payload: "before" });
  await sleep(200);
  const idBefore = alice.id;
  const sawBefore = received.map((r) => r.payload);

  alice.io.reconnection(false);
  const gone = new Promise((r) => alice.once("disconnect", r));
  alice.io.engine.close(); // the transport goes away
  const reason = await gone;
  for (const payload of ["missed-1", "missed-2", "missed-3"]) {
    await call(bob, 5000, "broadcast", { room: "room-a", payload });
  }
  await sleep(Number(away || 300));
  const reconnected = new Promise((r) => alice.once("connect", r));
  alice.connect(); // the same socket: it sends its private id and last offset
  await reconnected;
  await sleep(300);
  await call(bob, 5000, "broadcast", { room: "room-a", payload: "live" });
  await sleep(300);
  report({
    mode,
    disconnectReason: reason,
    recovered: alice.recovered === true,
    sameId: alice.id === idBefore,
    sawBefore,
    afterReconnect: received.slice(sawBefore.length).map((r) => r.payload),
    offsetArgument: received.every((r) => r.offset === "string"),
  });
  alice.close();
  bob.close();
}

main().catch((e) => {
  report({ error: e.message });
  process.exit(1);
});
