// An agent's front end, driven by a JUnit test over stdin/stdout with the real socket.io-client.
// usage: node agent.js --url http://127.0.0.1:PORT --token JWT [--mode default|websocket|polling] [--resync true] [--api-version v1.2]
// stdin (JSON lines): {"op":"emit","id":1,"event":"conversation:join","args":[{...}]} -> {"type":"ack","id":1,"reply":[...]}
//                     {"op":"drop"} (kill the transport: the client reconnects)   {"op":"close"}
// stdout: every server event {"type":"event","event":...,"args":[...]}, connect / disconnect / connect_error lines.
// With --resync, on every reconnection it re-joins its conversations and sends sync:since with the
// last seq it saw of each, as the UTalk front end does.
"use strict";
const readline = require("readline");
const { io, args, transportOptions, report } = require("./lib");

const opts = args();
const lastSeq = new Map();
const joined = new Set();
let connects = 0;

const socket = io(
  opts.url,
  Object.assign(
    { forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500, randomizationFactor: 0, auth: (cb) => cb(opts["api-version"] ? { token: opts.token, apiVersion: opts["api-version"] } : { token: opts.token }) },
    transportOptions(opts.mode)
  )
);

socket.onAny((event, ...payload) => {
  const first = payload[0];
  if (first && typeof first === "object" && first.conversationId && typeof first.seq === "number") {
    lastSeq.set(first.conversationId, Math.max(lastSeq.get(first.conversationId) || 0, first.seq));
  }
  report({ type: "event", event, args: payload });
});
socket.on("connect", async () => {
  connects++;
  report({ type: "connect", id: socket.id, connects, transport: socket.io.engine.transport.name });
  if (connects > 1 && opts.resync === "true") {
    try {
      for (const conversationId of joined) {
        await socket.timeout(10000).emitWithAck("conversation:join", { conversationId });
      }
      const conversations = [...joined].map((conversationId) => ({ conversationId, seq: lastSeq.get(conversationId) || 0 }));
      const reply = await socket.timeout(10000).emitWithAck("sync:since", { conversations });
      report({ type: "synced", reply, connects });
    } catch (e) {
      report({ type: "synced", error: String(e), connects });
    }
  }
});
socket.on("disconnect", (reason) => report({ type: "disconnect", reason }));
socket.on("connect_error", (err) => report({ type: "connect_error", message: err.message }));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  if (command.op === "emit") {
    socket.timeout(command.timeoutMs || 10000).emit(command.event, ...(command.args || []), (err, ...reply) => {
      if (err) {
        report({ type: "ack", id: command.id, error: String(err) });
        return;
      }
      if (command.event === "conversation:join" && reply[0] && reply[0].ok) joined.add(reply[0].conversationId);
      if (command.event === "conversation:leave" && reply[0] && reply[0].ok) joined.delete(reply[0].conversationId);
      report({ type: "ack", id: command.id, reply });
    });
  } else if (command.op === "raw-emit") {
    socket.emit(command.event, ...(command.args || []));
    report({ type: "sent", id: command.id });
  } else if (command.op === "drop") {
    socket.io.engine.close();
  } else if (command.op === "close") {
    socket.close();
    process.exit(0);
  }
});
process.stdin.on("end", () => process.exit(0));
