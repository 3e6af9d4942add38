// End-to-end latency against a running local stack (emulators/dev up): signed WhatsApp webhooks
// posted to the gateway at a fixed rate, each from its own customer number, and one agent socket on
// the realtime service timing each message's message:new. Latency = webhook POST sent -> event
// received, on this process's clock. Prints one JSON line.
// usage: eval "$(emulators/dev env)"; node e2e.js --rate 200 --seconds 10 [--agents 1] [--warmup 50]
// Token: logs in as AGENT_EMAIL / AGENT_PASSWORD through GATEWAY_URL/api/auth/login.
"use strict";
const crypto = require("crypto");
const http = require("http");
const { io } = require("socket.io-client");
const { parseArgs, nowMs, summary } = require("./stats");

const opts = parseArgs(process.argv.slice(2));
const env = process.env;
const gateway = opts.gateway || env.GATEWAY_URL;
const realtime = opts.realtime || env.REALTIME_URL;
const publicBase = env.PUBLIC_BASE_URL || gateway;
const rate = Number(opts.rate || 200);
const seconds = Number(opts.seconds || 10);
const warmup = Number(opts.warmup || 50);
const agents = Number(opts.agents || 1);
const path = "/webhooks/twilio/whatsapp";
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

// Twilio's X-Twilio-Signature: base64(HMAC-SHA1(authToken, url + sorted key/value pairs)).
function sign(url, params) {
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], url);
  return crypto.createHmac("sha1", env.TWILIO_AUTH_TOKEN).update(Buffer.from(data, "utf-8")).digest("base64");
}

function post(url, body, headers) {
  return new Promise((resolve) => {
    const req = http.request(url, { method: "POST", agent, headers: Object.assign({ "Content-Length": Buffer.byteLength(body) }, headers) }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", () => resolve(-1));
    req.end(body);
  });
}

async function login() {
  const body = JSON.stringify({ email: env.AGENT_EMAIL, password: env.AGENT_PASSWORD });
  const res = await fetch(gateway + "/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body });
  if (res.status !== 200) throw new Error("login failed: " + res.status);
  return (await res.json()).accessToken;
}

const pending = new Map(); // MessageSid -> send time
const latencies = [];
const commitToSocket = []; // event.occurredAt (set in the ingest transaction) -> received: Pub/Sub + fan-out + socket
const webhookMs = []; // POST -> 200 (the ingest function behind the gateway)
let measuring = false;

function webhook(i) {
  const sid = "SM" + crypto.randomBytes(16).toString("hex");
  const from = "+52155" + String(10000000 + ((Date.now() * 7 + i) % 89999999)).padStart(8, "0");
  const params = {
    MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, AccountSid: env.TWILIO_ACCOUNT_SID, From: "whatsapp:" + from,
    To: "whatsapp:" + env.WHATSAPP_NUMBER, Body: "bench " + i, NumMedia: "0", ProfileName: "Bench", WaId: from.slice(1),
    SmsStatus: "received", MessageType: "text", NumSegments: "1", ReferralNumMedia: "0", ApiVersion: "2010-04-01",
  };
  const body = new URLSearchParams(params).toString();
  const t = nowMs();
  const measured = measuring;
  pending.set(sid, { t, measured });
  return post(gateway + path, body, { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sign(publicBase + path, params) }).then((status) => {
    if (measured) webhookMs.push(nowMs() - t);
    return status;
  });
}

async function run(count, perSecond, statuses) {
  const interval = 1000 / perSecond;
  const start = nowMs();
  const sent = [];
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - nowMs();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sent.push(webhook(i).then((s) => statuses.push(s)));
  }
  await Promise.all(sent);
  return (nowMs() - start) / 1000;
}

async function main() {
  const token = await login();
  const sockets = [];
  for (let a = 0; a < agents; a++) {
    const s = io(realtime, { transports: ["websocket"], auth: { token } });
    await new Promise((resolve, reject) => { s.once("connect", resolve); s.once("connect_error", reject); });
    if (a === 0) {
      s.on("message:new", (event) => {
        const sid = event && event.data && event.data.twilioSid;
        const entry = sid && pending.get(sid);
        if (!entry) return;
        pending.delete(sid);
        if (entry.measured) {
          latencies.push(nowMs() - entry.t);
          commitToSocket.push(Date.now() - Date.parse(event.occurredAt));
        }
      });
    }
    sockets.push(s);
  }
  const warmStatuses = [];
  await run(warmup, Math.min(rate, 20), warmStatuses);
  await new Promise((r) => setTimeout(r, 3000));
  measuring = true;
  const statuses = [];
  const took = await run(Math.round(rate * seconds), rate, statuses);
  const deadline = nowMs() + 30000;
  while ([...pending.values()].some((e) => e.measured) && nowMs() < deadline) await new Promise((r) => setTimeout(r, 100));
  const missing = [...pending.values()].filter((e) => e.measured).length;
  const ok = statuses.filter((s) => s === 200).length;
  console.log(JSON.stringify({
    event: "e2e", targetRate: rate, achievedRate: +(statuses.length / took).toFixed(1), webhooks: statuses.length, ok,
    failed: statuses.length - ok, notReceived: missing, webhookToSocketMs: summary(latencies),
    webhookResponseMs: summary(webhookMs), storedToSocketMs: summary(commitToSocket),
  }));
  sockets.forEach((s) => s.close());
  process.exit(0);
}

main().catch((e) => { console.log(JSON.stringify({ fatal: String(e && e.stack ? e.stack : e) })); process.exit(1); });
