// The one load client run against both servers (bench/run.sh). Every client lives in this process,
// so all timings share one clock. Each phase prints one JSON line on stdout.
//
// usage: node load.js --url http://127.0.0.1:PORT --pid SERVER_PID [--gc java|node|none]
//          [--phases memory,ack-latency,ack-rate,fan-out] [--clients-memory 10000] [--clients 1000]
//          [--rate 2000] [--seconds 10] [--window 1] [--fanouts 50] [--settle-ms 3000] [--batch 100]
//          [--warmup-seconds 20] [--warmup-fanouts 30] [--memory-warmup 2000] [--rate-procs 2]
//
// Every ack phase and the warm-up send the same payload ({n, text}), so the warm-up has compiled
// (JIT) exactly what the timed phases run. The closed-loop ack rate is driven by --rate-procs
// processes (this script again, with --worker), each with its share of the clients: one Node process
// tops out near 30,000 acks/s, which measured the client, not the server.
//
// All clients are socket.io-client 4.x, WebSocket only, no reconnection, token "good-…".
// --gc: how to force a full GC in the server before reading its RSS: `jcmd PID GC.run` for a JVM,
// SIGUSR2 for reference-server.js (which runs global.gc() when started with --expose-gc).
"use strict";
const fs = require("fs");
const { execFileSync, fork } = require("child_process");
const { io } = require("socket.io-client");
const { parseArgs, nowMs, round, summary } = require("./stats");

const opts = parseArgs(process.argv.slice(2));
const url = opts.url;
const pid = Number(opts.pid);
const gcMode = opts.gc || "none";
const phases = (opts.phases || "memory,ack-latency,ack-rate,fan-out").split(",");
const clientsMemory = Number(opts["clients-memory"] || 10000);
const clients = Number(opts.clients || 1000);
const rate = Number(opts.rate || 2000);
const seconds = Number(opts.seconds || 10);
const windowPerClient = Number(opts.window || 1);
const fanouts = Number(opts.fanouts || 50);
const settleMs = Number(opts["settle-ms"] || 3000);
const batch = Number(opts.batch || 100);
const warmupSeconds = Number(opts["warmup-seconds"] ?? 20);
const warmupFanouts = Number(opts["warmup-fanouts"] ?? 30);
const memoryWarmup = Number(opts["memory-warmup"] ?? 2000);
const rateProcs = Number(opts["rate-procs"] ?? 2);
const ACK_TIMEOUT_MS = 10000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

// --- the server process, read from /proc (Linux) ---
function rssKiB() {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m[1]);
}
/** user + system CPU time of the server so far, ms (fields 14 and 15 of /proc/PID/stat, in ticks of 10 ms). */
function cpuMs() {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from #3 on
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
let gcDone = gcMode !== "none";
async function forceGc() {
  try {
    if (gcMode === "java") execFileSync("jcmd", [String(pid), "GC.run"], { stdio: "ignore" });
    else if (gcMode === "node") process.kill(pid, "SIGUSR2");
    else return;
  } catch (e) {
    gcDone = false; // e.g. no jcmd (a JRE): the "after GC" figures are then without GC
    process.stderr.write(`could not force a GC in ${pid}: ${e.message}\n`);
  }
  await sleep(1000); // let the collector finish and return memory before RSS is read
}

// --- clients ---
function connectOne(i) {
  const socket = io(url, { forceNew: true, reconnection: false, transports: ["websocket"], auth: { token: "good-" + i } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("connect timeout")), 20000);
    socket.once("connect", () => (clearTimeout(timer), resolve(socket)));
    socket.once("connect_error", (e) => (clearTimeout(timer), reject(e)));
  });
}
/** Connects n clients, `batch` at a time (a burst of thousands of handshakes would mostly measure the listen backlog). */
async function connectAll(n, offset) {
  const sockets = [];
  for (let i = 0; i < n; i += batch) {
    const group = [];
    for (let j = i; j < Math.min(n, i + batch); j++) group.push(connectOne(offset + j));
    sockets.push(...(await Promise.all(group)));
  }
  return sockets;
}
async function closeAll(sockets) {
  sockets.forEach((s) => s.close());
  await sleep(1000); // the server notices the closes
}
/** What every ack phase sends (one shape, so the warm-up compiles what is measured). */
const payload = (n) => ({ n, text: "hello" });
/** One echo with ack; resolves with the round-trip ms, or -1 on timeout. */
function ackOnce(socket, payload) {
  return new Promise((resolve) => {
    const t = nowMs();
    socket.timeout(ACK_TIMEOUT_MS).emit("echo", payload, (err) => resolve(err ? -1 : nowMs() - t));
  });
}

// --- phases ---
async function memory() {
  // Warm-up: code paths loaded / compiled, pools created, and the allocation steady state reached
  // (a JVM's young generation is touched for the first time while it fills) before the "before"
  // reading; 500 clients left part of a 64 MB eden untouched, so its first use counted as ~2 KiB
  // per connection that the 10,000 connections did not in fact hold.
  for (let done = 0; done < memoryWarmup; done += 500) {
    const warm = await connectAll(Math.min(500, memoryWarmup - done), 1_000_000 + done);
    await Promise.all(warm.map((s) => ackOnce(s, payload(done))));
    await closeAll(warm);
  }
  await forceGc();
  const before = rssKiB();
  const t0 = nowMs();
  const cpu0 = cpuMs();
  const sockets = await connectAll(clientsMemory, 0);
  const connectMs = nowMs() - t0;
  const serverCpuMs = cpuMs() - cpu0;
  await sleep(settleMs);
  const afterNoGc = rssKiB();
  await forceGc();
  const after = rssKiB();
  emit({
    phase: "memory",
    clients: clientsMemory,
    gc: gcDone ? gcMode : "none",
    rssBeforeKiB: before,
    rssAfterKiB: after,
    rssAfterNoGcKiB: afterNoGc,
    kibPerConn: round((after - before) / clientsMemory),
    kibPerConnNoGc: round((afterNoGc - before) / clientsMemory),
    connectsPerSec: Math.round(clientsMemory / (connectMs / 1000)),
    serverCpuMs,
  });
  await closeAll(sockets);
}

async function ackLatency(sockets) {
  // Fixed rate: every 1 ms timer tick sends whatever is due by the schedule. Latency runs from the
  // emit; `lateMs` says how far behind the schedule the sends were (the client falling behind).
  const latencies = [];
  const late = [];
  let errors = 0;
  let sent = 0;
  const pending = [];
  const cpu0 = cpuMs();
  const start = nowMs();
  const total = Math.round(rate * seconds);
  while (sent < total) {
    const now = nowMs();
    while (sent < total && start + (sent * 1000) / rate <= now) {
      late.push(now - (start + (sent * 1000) / rate));
      const socket = sockets[sent % sockets.length];
      pending.push(ackOnce(socket, payload(sent)).then((l) => (l < 0 ? errors++ : latencies.push(l))));
      sent++;
    }
    await sleep(1);
  }
  const sendMs = nowMs() - start;
  await Promise.all(pending);
  const lateS = summary(late);
  emit({
    phase: "ack-latency",
    clients: sockets.length,
    rate,
    seconds,
    ...summary(latencies),
    errors,
    achievedPerSec: Math.round(sent / (sendMs / 1000)),
    lateMsP99: lateS.p99,
    serverCpuMs: cpuMs() - cpu0,
  });
}

/** Each client keeps `window` acks outstanding, sending the next as soon as one comes back; counts the acks completed within `secs`. */
async function closedLoop(sockets, secs) {
  const result = { done: 0, errors: 0, latencies: [] };
  const end = nowMs() + secs * 1000;
  const loop = async (s) => {
    for (let n = 0; nowMs() < end; n++) {
      const l = await ackOnce(s, payload(n));
      if (l < 0) result.errors++;
      else if (nowMs() <= end) (result.done++, result.latencies.push(l));
    }
  };
  await Promise.all(sockets.flatMap((s) => Array.from({ length: windowPerClient }, () => loop(s))));
  return result;
}

async function ackRate(sockets) {
  const workers = await startWorkers(rateProcs);
  const cpu0 = cpuMs();
  const results = await Promise.all(
    workers.length ? workers.map((w) => w.run()) : [closedLoop(sockets, seconds)]
  );
  const done = results.reduce((a, r) => a + r.done, 0);
  const errors = results.reduce((a, r) => a + r.errors, 0);
  const latencies = results.flatMap((r) => r.latencies);
  const s = summary(latencies);
  emit({
    phase: "ack-rate",
    clients: sockets.length,
    window: windowPerClient,
    seconds,
    acksPerSec: Math.round(done / seconds),
    p50: s.p50,
    p99: s.p99,
    errors,
    serverCpuMs: cpuMs() - cpu0,
  });
}

async function fanOut(sockets) {
  // All clients join "bench"; one of them sends `broadcast` K times, one at a time. Per emit: the
  // time from the emit until each member received it, and until the LAST member did.
  await Promise.all(sockets.map((s) => new Promise((r) => s.timeout(ACK_TIMEOUT_MS).emit("join", "bench", () => r()))));
  let current = null; // { k, t0, received, done }
  const perMember = [];
  sockets.forEach((s) =>
    s.off("room-message").on("room-message", (payload) => {
      if (!current || payload.k !== current.k) return;
      perMember.push(nowMs() - current.t0);
      if (++current.received === sockets.length) current.done();
    })
  );
  const lastMember = [];
  let missing = 0;
  let cpu0;
  for (let k = -warmupFanouts; k < fanouts; k++) {
    if (k === 0) cpu0 = cpuMs();
    const all = new Promise((resolve) => (current = { k, t0: nowMs(), received: 0, done: resolve }));
    sockets[0].emit("broadcast", { room: "bench", payload: { k, text: "fan-out message" } }, () => {});
    const ok = await Promise.race([all.then(() => true), sleep(5000).then(() => false)]);
    if (k < 0) perMember.length = 0; // warm-up emits are not measured
    else if (ok) lastMember.push(nowMs() - current.t0);
    else missing += sockets.length - current.received;
    current = null;
    await sleep(100); // one fan-out at a time: each is measured on a quiet server
  }
  const last = summary(lastMember);
  const member = summary(perMember);
  emit({
    phase: "fan-out",
    members: sockets.length,
    emits: fanouts,
    lastMemberP50: last.p50,
    lastMemberP99: last.p99,
    lastMemberMax: last.max,
    memberP50: member.p50,
    memberP99: member.p99,
    missing,
    serverCpuMs: cpuMs() - cpu0,
  });
}

/**
 * `n` worker processes (this script with --worker), each holding clients/n connected clients of its
 * own; resolves when all are connected. `run()` starts one's closed loop and resolves with its
 * counts. n <= 1: none (the phase runs on this process's clients).
 */
async function startWorkers(n) {
  if (n <= 1) return [];
  const share = Math.ceil(clients / n);
  const workers = Array.from({ length: n }, (_, k) => {
    const child = fork(__filename, ["--worker", "1", "--url", url, "--clients", String(share), "--offset", String(2_000_000 + k * share),
      "--seconds", String(seconds), "--window", String(windowPerClient)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const next = () => new Promise((resolve, reject) => (child.once("message", resolve), child.once("exit", (c) => reject(new Error("worker exited " + c)))));
    return { child, ready: next(), run: () => (child.send("go"), next()) };
  });
  await Promise.all(workers.map((w) => w.ready));
  return workers;
}

/** Worker mode: connect, say ready, run the closed loop on "go", send the result, exit. */
async function worker() {
  const sockets = await connectAll(clients, Number(opts.offset || 0));
  await closedLoop(sockets, 2); // this process's own warm-up (its client code), unmeasured
  process.send("ready");
  await new Promise((r) => process.once("message", r));
  const result = await closedLoop(sockets, seconds);
  await new Promise((r) => process.send(result, r));
  sockets.forEach((s) => s.close());
}

async function main() {
  if (opts.worker) return worker();
  if (phases.includes("memory")) await memory();
  const rest = phases.filter((p) => p !== "memory");
  const unknown = rest.filter((p) => !["ack-latency", "ack-rate", "fan-out"].includes(p));
  if (unknown.length) throw new Error("unknown phase " + unknown);
  if (!rest.length) return;
  const sockets = await connectAll(clients, 0);
  // Warm-up, the same for both servers, so the timed phases measure a warm server: on 2 busy cores
  // the JVM's JIT was still compiling the ack path after 10 s (server CPU per ack settled after
  // ~20 s). The fan-out phase has its own warm-up emits.
  await closedLoop(sockets, warmupSeconds);
  const run = { "ack-latency": ackLatency, "ack-rate": ackRate, "fan-out": fanOut };
  for (const p of rest) await run[p](sockets); // in the order given (repeats allowed)
  sockets.forEach((s) => s.close());
}

main().then(
  () => process.exit(0),
  (e) => {
    emit({ phase: "fatal", error: String(e && e.stack ? e.stack : e) });
    process.exit(1);
  }
);
