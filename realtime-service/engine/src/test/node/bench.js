// Load check (a tool, not run by the tests): N clients against a running server with the test
// application (see DevServer), measuring ack latency at a fixed rate, the max closed-loop ack rate,
// and room fan-out latency. Clients and timings live in this one process (same clock).
// usage: node bench.js --url http://127.0.0.1:3000 [--clients 1000] [--rate 2000] [--seconds 10]
//                      [--mode websocket|default|polling] [--fanouts 50] [--pause-ms 0]
"use strict";
const { args, transportOptions, sleep, io } = require("./lib");

const opts = args();
const url = opts.url;
const clients = Number(opts.clients || 1000);
const rate = Number(opts.rate || 2000);
const seconds = Number(opts.seconds || 10);
const mode = opts.mode || "websocket";
const fanouts = Number(opts.fanouts || 50);
const pauseMs = Number(opts["pause-ms"] || 0);

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
function pct(values, p) {
  const s = values.slice().sort((a, b) => a - b);
  return s.length ? +s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(2) : -1;
}
function summary(values) {
  return { n: values.length, p50: pct(values, 50), p90: pct(values, 90), p99: pct(values, 99), max: pct(values, 100) };
}

async function connectAll() {
  const sockets = [];
  const started = nowMs();
  for (let i = 0; i < clients; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(clients, i + 50); j++) {
      const s = io(url, Object.assign({ forceNew: true, reconnection: false, auth: { token: "good-b" + j } }, transportOptions(mode)));
      sockets.push(s);
      batch.push(new Promise((resolve, reject) => { s.once("connect", resolve); s.once("connect_error", reject); }));
    }
    await Promise.all(batch);
  }
  return { sockets, connectMs: Math.round(nowMs() - started) };
}

function ackOnce(socket, payload) {
  return new Promise((resolve) => {
    const t = nowMs();
    socket.timeout(10000).emit("echo", payload, (err) => resolve(err ? -1 : nowMs() - t));
  });
}

async function fixedRate(sockets) {
  const latencies = [];
  let errors = 0;
  const interval = 1000 / rate;
  const end = nowMs() + seconds * 1000;
  let next = nowMs();
  let i = 0;
  const pending = [];
  while (nowMs() < end) {
    const socket = sockets[i++ % sockets.length];
    pending.push(ackOnce(socket, { n: i, text: "hello" }).then((l) => (l < 0 ? errors++ : latencies.push(l))));
    next += interval;
    const wait = next - nowMs();
    if (wait > 1) await sleep(wait);
    else if (i % 20 === 0) await new Promise(setImmediate);
  }
  await Promise.all(pending);
  return Object.assign(summary(latencies), { errors, achievedPerSec: Math.round(latencies.length / seconds) });
}

async function closedLoop(sockets) {
  let done = 0;
  const end = nowMs() + seconds * 1000;
  await Promise.all(
    sockets.map(async (s) => {
      while (nowMs() < end) {
        if ((await ackOnce(s, 1)) >= 0) done++;
      }
    })
  );
  return { acksPerSec: Math.round(done / seconds) };
}

async function fanout(sockets) {
  const trigger = sockets[0];
  await Promise.all(sockets.map((s) => new Promise((r) => s.timeout(10000).emit("join", "bench", () => r()))));
  const latencies = [];
  for (let k = 0; k < fanouts; k++) {
    let received = 0;
    const t0 = nowMs();
    const all = new Promise((resolve) => {
      const onMessage = function () {
        latencies.push(nowMs() - t0);
        this.off("room-message", onMessage);
        if (++received === sockets.length) resolve();
      };
      sockets.forEach((s) => s.on("room-message", onMessage.bind(s)));
    });
    trigger.emit("broadcast", { room: "bench", payload: { k, text: "fan-out message" } }, () => {});
    await Promise.race([all, sleep(5000)]);
    sockets.forEach((s) => s.removeAllListeners("room-message"));
    await sleep(100);
  }
  return summary(latencies);
}

async function main() {
  const { sockets, connectMs } = await connectAll();
  console.log(JSON.stringify({ event: "connected", clients, connectMs, mode }));
  if (pauseMs) await sleep(pauseMs); // time to measure the server's memory with all clients on
  const fixed = await fixedRate(sockets);
  console.log(JSON.stringify({ event: "fixed-rate", rate, ...fixed }));
  const max = await closedLoop(sockets);
  console.log(JSON.stringify({ event: "closed-loop", ...max }));
  const fan = await fanout(sockets);
  console.log(JSON.stringify({ event: "fan-out", members: sockets.length, ...fan }));
  sockets.forEach((s) => s.close());
  process.exit(0);
}

main().catch((e) => {
  console.log(JSON.stringify({ fatal: String(e && e.stack ? e.stack : e) }));
  process.exit(1);
});
