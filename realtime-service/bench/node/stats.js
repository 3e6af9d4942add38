// What the bench scripts share: argument parsing, a monotonic clock, percentile summaries.
"use strict";

/** "--name value" pairs into an object. */
function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, "")] = argv[i + 1];
  return out;
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const round = (x, d = 2) => +x.toFixed(d);

function pct(sorted, p) {
  return sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]) : null;
}

/** n, p50, p95, p99 and max (nearest rank) of a list of milliseconds. */
function summary(values) {
  const s = Float64Array.from(values).sort();
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: pct(s, 100) };
}

module.exports = { parseArgs, nowMs, round, summary };
