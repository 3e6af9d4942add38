// One run of the functional checks for one transport mode. Prints a single JSON object.
// usage: node suite.js --url http://127.0.0.1:PORT --mode default|websocket|polling
"use strict";
const { args, report, sleep, connect, waitFor, call } = require("./lib");

const { url, mode } = args();
const result = { mode };

/** Connects with a refused token and smuggles raw EVENT packets before and after the refusal. */
async function refused(name, auth) {
  const out = { name };
  try {
    const socket = await connect(url, mode, auth === undefined ? {} : { auth }).catch((err) => {
      out.error = err.message;
      return null;
    }).then(async (s) => s);
    if (socket) {
      out.connected = true;
      socket.disconnect();
    }
  } catch (e) {
    out.error = out.error || e.message;
  }
  return out;
}

/** Same, but with raw writes on the engine so events really hit the wire around the refusal. */
function refusedWithInjection(name, auth) {
  const { io, transportOptions } = require("./lib");
  return new Promise((resolve) => {
    const options = Object.assign({ forceNew: true, reconnection: false }, transportOptions(mode));
    if (auth !== undefined) options.auth = auth;
    const socket = io(url, options);
    const out = { name, injectedEarly: false, injectedLate: false };
    const timer = setTimeout(() => {
      out.error = out.error || "timeout";
      socket.close();
      resolve(out);
    }, 10000);
    socket.io.on("open", () => {
      // registered after the socket's own "open" listener: CONNECT goes first, then this EVENT
      const engine = socket.io.engine;
      engine.write('2["after-refusal","early-' + name + '"]');
      out.injectedEarly = true;
      engine.on("packet", (packet) => {
        if (packet.type === "message" && typeof packet.data === "string" && packet.data.startsWith("4")) {
          // the connect_error is being delivered: the engine is still open, send one more event
          engine.write('2["after-refusal","late-' + name + '"]');
          out.injectedLate = true;
        }
      });
      engine.on("close", (reason) => {
        out.engineClose = reason;
      });
    });
    socket.on("connect", () => {
      out.connected = true;
    });
    socket.on("connect_error", async (err) => {
      out.error = err.message;
      // what a well-behaved client does after a refusal: it is buffered client-side, never sent
      socket.emit("after-refusal", "buffered-" + name);
      await sleep(300);
      clearTimeout(timer);
      socket.close();
      resolve(out);
    });
  });
}

async function main() {
  // --- connect with a valid token, client emit with ack
  const alice = await connect(url, mode, { auth: { token: "good-alice" } });
  result.connected = alice.connected;
  result.socketId = alice.id;
  const echo = await call(alice, 5000, "echo", { n: 1, text: "héllo ☃" }, 7);
  result.echo = echo;

  // --- server emit with ack: the server asks us a question while handling "ask-me"
  alice.on("question", (q, callback) => callback({ answer: q.n * 2 }));
  result.serverAck = await alice.timeout(5000).emitWithAck("ask-me", { n: 21 });

  // --- rooms and broadcast
  const bob = await connect(url, mode, { auth: { token: "good-bob" } });
  result.joined = await alice.timeout(5000).emitWithAck("join", "room-1");
  const aliceGets = waitFor(alice, "room-message", 3000);
  const bobGets = waitFor(bob, "room-message", 800);
  result.broadcastCount = await bob.timeout(5000).emitWithAck("broadcast", { room: "room-1", payload: "hello room" });
  result.aliceReceived = await aliceGets;
  result.bobReceived = await bobGets;

  // --- 200 KB both ways
  const big = "x".repeat(200 * 1024 - 10) + "é末尾";
  const bigEcho = await alice.timeout(10000).emitWithAck("echo", big);
  result.bigEchoOk = bigEcho === big;
  result.bigEchoLength = typeof bigEcho === "string" ? bigEcho.length : -1;
  const bigFromServer = waitFor(alice, "big", 10000);
  await alice.timeout(5000).emitWithAck("send-big", 200 * 1024);
  const bigArgs = await bigFromServer;
  result.bigFromServerLength = bigArgs ? bigArgs[0].length : -1;

  // --- binary: a Buffer from the client, a binary ack from the server
  const binaryReply = await call(alice, 5000, "binary", Buffer.from([1, 2, 3, 250]), "tail");
  result.binaryReply = {
    info: binaryReply[0],
    bytes: Buffer.isBuffer(binaryReply[1]) || binaryReply[1] instanceof ArrayBuffer ? Array.from(Buffer.from(binaryReply[1])) : null,
  };
  result.stillConnectedAfterBinary = (await call(alice, 5000, "echo", "ping"))[0] === "ping";

  // --- refusals
  result.refusedMissing = await refusedWithInjection("missing", undefined);
  result.refusedBad = await refusedWithInjection("bad", { token: "bad" });
  result.refusedSlow = await refusedWithInjection("slow", { token: "slow-bad" });
  result.refusedPlain = await refused("plain", { token: "" });

  // --- another namespace
  try {
    const admin = await connect(url + "/admin", mode, { auth: { token: "good-carol" } });
    result.adminNamespace = "connected";
    admin.disconnect();
  } catch (err) {
    result.adminNamespace = err.message;
  }

  await sleep(200);
  result.transport = alice.io.engine.transport.name;
  result.bobTransport = bob.io.engine.transport.name;
  alice.disconnect();
  bob.disconnect();
  report(result);
  process.exit(0);
}

main().catch((err) => {
  result.fatal = String(err && err.stack ? err.stack : err);
  report(result);
  process.exit(1);
});
