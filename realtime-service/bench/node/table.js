// Prints the side-by-side table from the JSON lines load.js wrote (OUT/java.jsonl, OUT/node.jsonl).
// usage: node table.js OUT [java] [node]
"use strict";
const { load, rows } = require("./rows");

const [dir, ...servers] = process.argv.slice(2);
const results = load(dir, servers);
const out = ["| metric | java | node | goal: better than node | met |", "|---|---:|---:|---|:---:|"];
for (const [label, get, better] of rows(results)) {
  const j = get(results.java);
  const n = get(results.node);
  if (j == null && n == null) continue;
  let met = "";
  if (better && j != null && n != null) met = (better === "lower" ? j < n || (j === 0 && n === 0) : j > n) ? "yes" : "no";
  const goal = better ? `${better} is better` : "(context)";
  out.push(`| ${label} | ${j ?? "-"} | ${n ?? "-"} | ${goal} | ${met} |`);
}
for (const s of ["java", "node"]) if (results[s].fatal) out.push(`\n${s}: FATAL ${results[s].fatal.error}`);
console.log(out.join("\n"));
