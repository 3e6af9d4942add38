// What table.js (one run) and runs.js (several runs) share: reading a run's JSON lines and the rows
// of the comparison.
"use strict";
const fs = require("fs");
const path = require("path");

/** {java: {phase: line}, node: {...}} from OUT/java.jsonl and OUT/node.jsonl. */
function load(dir, servers = ["java", "node"]) {
  const results = {};
  for (const s of ["java", "node"]) {
    const file = path.join(dir, s + ".jsonl");
    results[s] = {};
    if (!servers.includes(s) || !fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      if (!line.startsWith("{")) continue;
      const o = JSON.parse(line);
      results[s][o.phase] = o;
    }
  }
  return results;
}

/** [label, value from one server's results, "lower" | "higher" is better or null (context only)]. */
function rows(results) {
  const mem = (r) => r.memory;
  const lat = (r) => r["ack-latency"];
  const rate = (r) => r["ack-rate"];
  const fan = (r) => r["fan-out"];
  const any = (f) => f(results.java) || f(results.node) || {};
  // [label, value from one server's results, "lower" | "higher" is better, or null: context only]
  const rows = [
    [`memory: KiB per connection, after GC (${any(mem).clients} idle clients)`, (r) => mem(r) && mem(r).kibPerConn, "lower"],
    ["memory: KiB per connection, no GC", (r) => mem(r) && mem(r).kibPerConnNoGc, "lower"],
    ["memory: server RSS with all clients, MiB (after GC)", (r) => mem(r) && +(mem(r).rssAfterKiB / 1024).toFixed(1), "lower"],
    ["memory: server RSS before (after warm-up), MiB", (r) => mem(r) && +(mem(r).rssBeforeKiB / 1024).toFixed(1), null],
    ["connect rate, connections/s (client-bound)", (r) => mem(r) && mem(r).connectsPerSec, null],
    [`ack latency p50 ms (${any(lat).rate}/s, ${any(lat).clients} clients)`, (r) => lat(r) && lat(r).p50, "lower"],
    ["ack latency p95 ms", (r) => lat(r) && lat(r).p95, "lower"],
    ["ack latency p99 ms", (r) => lat(r) && lat(r).p99, "lower"],
    ["ack latency max ms", (r) => lat(r) && lat(r).max, "lower"],
    ["ack latency errors", (r) => lat(r) && lat(r).errors, "lower"],
    ["ack latency: server CPU ms per 1,000 acks", (r) => lat(r) && +((lat(r).serverCpuMs / lat(r).n) * 1000).toFixed(1), "lower"],
    [`ack rate, acks/s (closed loop, window ${any(rate).window} per client)`, (r) => rate(r) && rate(r).acksPerSec, "higher"],
    ["ack rate: ack p99 ms under it", (r) => rate(r) && rate(r).p99, null],
    [`fan-out: last member p50 ms (${any(fan).members} members, ${any(fan).emits} emits)`, (r) => fan(r) && fan(r).lastMemberP50, "lower"],
    ["fan-out: last member p99 ms", (r) => fan(r) && fan(r).lastMemberP99, "lower"],
    ["fan-out: last member max ms", (r) => fan(r) && fan(r).lastMemberMax, "lower"],
    ["fan-out: per member p50 ms", (r) => fan(r) && fan(r).memberP50, "lower"],
    ["fan-out: per member p99 ms", (r) => fan(r) && fan(r).memberP99, "lower"],
    ["fan-out: messages missing", (r) => fan(r) && fan(r).missing, "lower"],
  ];
  return rows;
}

module.exports = { load, rows };
