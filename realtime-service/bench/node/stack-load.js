// The whole local stack at fixed message rates (emulators/dev bench-stack runs it against `emulators/dev up`):
// signed WhatsApp webhooks from a pool of customer numbers posted to the gateway, every consumer running
// (bot, media, KPI counters, rating survey, realtime), agent sockets timing each message's message:new and
// the bot's answer. Before the rates, in the same run, the two references: the bare Firestore emulator
// create() rate and the bare Pub/Sub emulator publish -> pull hop (both through their REST APIs).
// Prints one JSON line per reference and per rate, then a Markdown table.
// usage: eval "$(emulators/dev env)"; node stack-load.js --rates 25,50,100,200 --seconds 10 [--contacts 500] [--agents 1]
"use strict";
const crypto = require("crypto");
const http = require("http");
const { io } = require("socket.io-client");
const { parseArgs, nowMs, round, summary } = require("./stats");

const opts = parseArgs(process.argv.slice(2));
const env = process.env;
const gateway = opts.gateway || env.GATEWAY_URL;
const realtime = opts.realtime || env.REALTIME_URL;
const publicBase = env.PUBLIC_BASE_URL || gateway;
const rates = String(opts.rates || "25,50,100,200").split(",").map(Number);
const seconds = Number(opts.seconds || 10);
const contacts = Number(opts.contacts || 500);
const agents = Number(opts.agents || 1);
const settleMs = Number(opts.settle || 20000);
const path = "/webhooks/twilio/whatsapp";
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
const runId = crypto.randomBytes(3).toString("hex");

// Twilio's X-Twilio-Signature: base64(HMAC-SHA1(authToken, url + sorted key/value pairs)).
function sign(url, params) {
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  return crypto.createHmac("sha1", env.TWILIO_AUTH_TOKEN).update(Buffer.from(data, "utf-8")).digest("base64");
}

function request(url, method, body, headers) {
  return new Promise((resolve) => {
    const req = http.request(url, { method, agent, headers: Object.assign({ "Content-Length": Buffer.byteLength(body || "") }, headers) }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf-8") }));
    });
    req.on("error", () => resolve({ status: -1, body: "" }));
    req.end(body || "");
  });
}

const json = (url, method, value) => request(url, method, value === undefined ? "" : JSON.stringify(value), { "content-type": "application/json" });

async function login() {
  const res = await json(gateway + "/api/auth/login", "POST", { email: env.ADMIN_EMAIL || env.AGENT_EMAIL, password: env.ADMIN_PASSWORD || env.AGENT_PASSWORD });
  if (res.status !== 200) throw new Error("login failed: " + res.status + " " + res.body);
  return JSON.parse(res.body).accessToken;
}

// ---- references, measured in the same run -------------------------------------------------------------

/** Closed loop of create() calls on fresh ids at concurrency 16 for 3 s: documents per second. */
async function firestoreCreateRate() {
  const base = `http://${env.FIRESTORE_EMULATOR_HOST}/v1/projects/${env.GOOGLE_CLOUD_PROJECT}/databases/(default)/documents/benchReference`;
  const until = nowMs() + 3000;
  let done = 0;
  const doc = { fields: { body: { stringValue: "x".repeat(900) }, n: { integerValue: "1" } } };
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (nowMs() < until) {
      const res = await json(`${base}?documentId=${runId}-${crypto.randomBytes(8).toString("hex")}`, "POST", doc);
      if (res.status === 200) done++;
    }
  }));
  return round(done / 3, 0);
}

/** Publish at `rate` for `secs` to a topic of its own, one long-polling puller: publish -> received. */
async function pubsubHop(rate, secs) {
  const base = `http://${env.PUBSUB_EMULATOR_HOST}/v1/projects/${env.GOOGLE_CLOUD_PROJECT}`;
  const topic = `bench-hop-${runId}`;
  await json(`${base}/topics/${topic}`, "PUT");
  await json(`${base}/subscriptions/${topic}`, "PUT", { topic: `projects/${env.GOOGLE_CLOUD_PROJECT}/topics/${topic}`, ackDeadlineSeconds: 30 });
  const sentAt = new Map();
  const hop = [];
  let pulling = true;
  let stopAt = Infinity;
  const puller = (async () => {
    while (pulling || sentAt.size > 0) {
      const res = await json(`${base}/subscriptions/${topic}:pull`, "POST", { maxMessages: 1000 });
      const received = res.status === 200 ? JSON.parse(res.body).receivedMessages || [] : [];
      const now = nowMs();
      for (const m of received) {
        const id = Buffer.from(m.message.data, "base64").toString();
        if (sentAt.has(id)) { hop.push(now - sentAt.get(id)); sentAt.delete(id); }
      }
      if (received.length) await json(`${base}/subscriptions/${topic}:acknowledge`, "POST", { ackIds: received.map((m) => m.ackId) });
      if (!pulling && nowMs() > stopAt) break;
    }
  })();
  const start = nowMs();
  for (let i = 0; i < rate * secs; i++) {
    const wait = start + (i * 1000) / rate - nowMs();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const id = String(i);
    sentAt.set(id, nowMs());
    json(`${base}/topics/${topic}:publish`, "POST", { messages: [{ data: Buffer.from(id).toString("base64") }] });
  }
  stopAt = nowMs() + 5000;
  pulling = false;
  await puller;
  await json(`${base}/subscriptions/${topic}`, "DELETE");
  await json(`${base}/topics/${topic}`, "DELETE");
  return { rate, lost: sentAt.size, hopMs: summary(hop) };
}

// ---- the stack -------------------------------------------------------------------------------------------

const pending = new Map(); // MessageSid -> { t, rate }
const botPending = new Map(); // conversationId -> [send times of customer messages still unanswered]
let stats = null;

function newStats(rate) {
  return { rate, statuses: [], webhookMs: [], socketMs: [], botMs: [] };
}

function contact(i) {
  return "+52155" + String(10000000 + ((parseInt(runId, 16) * 1000 + (i % contacts)) % 89999999)).padStart(8, "0");
}

function webhook(i) {
  const sid = "SM" + crypto.randomBytes(16).toString("hex");
  const from = contact(i);
  const params = {
    MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, AccountSid: env.TWILIO_ACCOUNT_SID, From: "whatsapp:" + from,
    To: "whatsapp:" + env.WHATSAPP_NUMBER, Body: "hola, bench " + i, NumMedia: "0", ProfileName: "Bench", WaId: from.slice(1),
    SmsStatus: "received", MessageType: "text", NumSegments: "1", ReferralNumMedia: "0", ApiVersion: "2010-04-01",
  };
  const body = new URLSearchParams(params).toString();
  const t = nowMs();
  const current = stats;
  pending.set(sid, { t, stats: current });
  return request(gateway + path, "POST", body, { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sign(publicBase + path, params) })
    .then((res) => {
      current.statuses.push(res.status);
      current.webhookMs.push(nowMs() - t);
      if (res.status !== 200) pending.delete(sid); // refused: Twilio would retry; counted as a 5xx/failure, not as lost
    });
}

function onMessage(event) {
  const data = (event && event.data) || {};
  const now = nowMs();
  if (data.direction === "inbound") {
    const entry = pending.get(data.twilioSid);
    if (!entry) return;
    pending.delete(data.twilioSid);
    entry.stats.socketMs.push(now - entry.t);
    const waiting = botPending.get(event.conversationId) || [];
    waiting.push(entry);
    botPending.set(event.conversationId, waiting);
  } else if (data.author === "bot") {
    const waiting = botPending.get(event.conversationId);
    const entry = waiting && waiting.shift();
    if (entry) entry.stats.botMs.push(now - entry.t);
  }
}

async function runRate(rate) {
  stats = newStats(rate);
  const count = Math.round(rate * seconds);
  const start = nowMs();
  const sent = [];
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - nowMs();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sent.push(webhook(i));
  }
  await Promise.all(sent);
  const took = (nowMs() - start) / 1000;
  const mine = () => [...pending.values()].filter((e) => e.stats === stats).length;
  const deadline = nowMs() + settleMs;
  while (mine() > 0 && nowMs() < deadline) await new Promise((r) => setTimeout(r, 100));
  const ok = stats.statuses.filter((s) => s === 200).length;
  const result = {
    event: "rate", targetRate: rate, achievedRate: round(stats.statuses.length / took, 1), webhooks: stats.statuses.length, ok,
    http5xx: stats.statuses.filter((s) => s >= 500).length, otherFailures: stats.statuses.filter((s) => s !== 200 && s < 500).length,
    lost: mine(), webhookMs: summary(stats.webhookMs), webhookToSocketMs: summary(stats.socketMs), botReplyMs: summary(stats.botMs),
  };
  for (const [sid, e] of pending) if (e.stats === stats) pending.delete(sid);
  botPending.clear();
  return result;
}

async function main() {
  const refs = { event: "references", firestoreCreatePerSecond: await firestoreCreateRate(), pubsubHop: await pubsubHop(50, 5) };
  console.log(JSON.stringify(refs));
  const token = await login();
  const sockets = [];
  for (let a = 0; a < agents; a++) {
    const s = io(realtime, { transports: ["websocket"], auth: { token } });
    await new Promise((resolve, reject) => { s.once("connect", resolve); s.once("connect_error", reject); });
    if (a === 0) s.on("message:new", onMessage);
    sockets.push(s);
  }
  await runRate(Math.min(10, rates[0])); // warm-up: first-request wiring of every function, JIT
  await new Promise((r) => setTimeout(r, 3000));
  const results = [];
  for (const rate of rates) {
    const result = await runRate(rate);
    console.log(JSON.stringify(result));
    results.push(result);
    await new Promise((r) => setTimeout(r, 3000));
  }
  const f = (s, k) => (s[k] === null ? "-" : s[k]);
  console.log(`\nreferences: Firestore emulator create() ${refs.firestoreCreatePerSecond}/s (c=16); Pub/Sub emulator publish->pull hop at 50/s p50 ${refs.pubsubHop.hopMs.p50} ms, p95 ${refs.pubsubHop.hopMs.p95} ms, p99 ${refs.pubsubHop.hopMs.p99} ms\n`);
  console.log("| rate /s | achieved /s | 5xx | lost | webhook p50 / p95 / p99 ms | webhook -> socket p50 / p95 / p99 ms | bot reply p95 ms |");
  console.log("|---:|---:|---:|---:|---|---|---:|");
  for (const r of results) {
    console.log(`| ${r.targetRate} | ${r.achievedRate} | ${r.http5xx} | ${r.lost} | ${f(r.webhookMs, "p50")} / ${f(r.webhookMs, "p95")} / ${f(r.webhookMs, "p99")} | ${f(r.webhookToSocketMs, "p50")} / ${f(r.webhookToSocketMs, "p95")} / ${f(r.webhookToSocketMs, "p99")} | ${f(r.botReplyMs, "p95")} |`);
  }
  sockets.forEach((s) => s.close());
  process.exit(0);
}

main().catch((e) => { console.log(JSON.stringify({ fatal: String(e && e.stack ? e.stack : e) })); process.exit(1); });
