// Medians and ranges over several runs of run.sh (each an OUT directory), with the goal for
// the rows it sets one for, judged on the medians.
// usage: node runs.js OUT1 OUT2 ... (e.g. node runs.js ../../target/bench/run*)
"use strict";
const { load, rows } = require("./rows");

// label prefix -> [goal text, test on (java median, node median)]
const goals = [
  ["memory: KiB per connection, after GC", "≤ 4 KiB", (j) => j <= 4],
  ["memory: server RSS with all clients", "≤ node", (j, n) => j <= n],
  ["ack latency p99 ms", "≤ node", (j, n) => j <= n],
  ["ack latency: server CPU ms per 1,000 acks", "≤ 0.8 × node", (j, n) => j <= 0.8 * n],
  ["ack rate, acks/s", "≥ 1.2 × node", (j, n) => j >= 1.2 * n],
  ["fan-out: last member p99 ms", "≤ 0.8 × node", (j, n) => j <= 0.8 * n],
];

const dirs = process.argv.slice(2);
if (!dirs.length) throw new Error("usage: node runs.js OUT1 OUT2 ...");
const runs = dirs.map((d) => load(d));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : +((s[s.length / 2 - 1] + s[s.length / 2]) / 2).toFixed(2);
};
const cell = (xs) => (xs.length ? `${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)})` : "-");

const out = [
  `${runs.length} runs: median (range)`,
  "",
  "| metric | java | node | java / node | goal | met |",
  "|---|---:|---:|---:|---|:---:|",
];
rows(runs[0]).forEach(([label], i) => {
  const values = (server) => runs.map((r) => rows(r)[i][1](r[server])).filter((v) => v != null);
  const j = values("java");
  const n = values("node");
  if (!j.length && !n.length) return;
  const ratio = j.length && n.length && median(n) !== 0 ? (median(j) / median(n)).toFixed(2) : "";
  const goal = goals.find(([prefix]) => label.startsWith(prefix));
  const met = goal && j.length && n.length ? (goal[2](median(j), median(n)) ? "yes" : "**no**") : "";
  out.push(`| ${label} | ${cell(j)} | ${cell(n)} | ${ratio} | ${goal ? goal[1] : ""} | ${met} |`);
});
console.log(out.join("\n"));
