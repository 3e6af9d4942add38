// Opens --count clients with the default transports (polling, then upgrade to WebSocket) and
// measures, for each, the time from the Engine.IO "open" to the completed upgrade.
// usage: node upgrades.js --url http://127.0.0.1:PORT --count 100 [--stagger MS] [--limit MS] [--warmup N]
// --warmup runs N clients first, unmeasured, so a cold server JVM does not count as a slow upgrade.
"use strict";
const { io, args, report, sleep, call } = require("./lib");

const opts = args();
const url = opts.url;
const count = Number(opts.count || 100);
const stagger = Number(opts.stagger || 0);
const limit = Number(opts.limit || 5000);
const warmup = Number(opts.warmup || 0);

function one(i) {
  return new Promise((resolve) => {
    const out = { i };
    const started = Date.now();
    let opened = 0;
    const socket = io(url, { forceNew: true, reconnection: false, auth: { token: "good-u" + i } });
    const timer = setTimeout(() => {
      out.stuck = true;
      const engine = socket.io.engine;
      out.transport = engine && engine.transport ? engine.transport.name : null;
      socket.close();
      resolve(out);
    }, limit);
    socket.on("connect_error", (err) => {
      out.connectError = err.message;
    });
    socket.io.on("open", () => {
      opened = Date.now();
      out.openMs = opened - started;
      const engine = socket.io.engine;
      engine.on("upgradeError", (err) => {
        out.upgradeError = err.message;
      });
      engine.on("upgrade", async () => {
        out.upgradeMs = Date.now() - opened;
        clearTimeout(timer);
        try {
          if (!socket.connected) {
            await new Promise((r) => socket.once("connect", r));
          }
          const reply = await call(socket, 3000, "echo", i);
          out.ackOk = reply[0] === i && socket.io.engine.transport.name === "websocket";
        } catch (err) {
          out.ackError = String(err);
        }
        socket.close();
        resolve(out);
      });
    });
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return -1;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const warm = [];
  for (let i = 0; i < warmup; i++) {
    warm.push(one(1000 + i));
    await sleep(20);
  }
  const warmResults = await Promise.all(warm);
  const runs = [];
  for (let i = 0; i < count; i++) {
    runs.push(one(i));
    if (stagger > 0) await sleep(stagger);
  }
  const results = await Promise.all(runs);
  const times = results.filter((r) => r.upgradeMs !== undefined).map((r) => r.upgradeMs);
  const sorted = times.slice().sort((a, b) => a - b);
  report({
    count,
    upgraded: times.length,
    stuck: results.filter((r) => r.stuck).length,
    acksOk: results.filter((r) => r.ackOk).length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : -1,
    upgradeMs: times,
    warmupStuck: warmResults.filter((r) => r.stuck || r.upgradeMs === undefined).length,
    warmupMs: warmResults.map((r) => (r.upgradeMs === undefined ? -1 : r.upgradeMs)),
    failures: results.filter((r) => r.stuck || !r.ackOk || r.upgradeError || r.connectError),
  });
  process.exit(0);
}

main().catch((err) => {
  report({ fatal: String(err && err.stack ? err.stack : err) });
  process.exit(1);
});
