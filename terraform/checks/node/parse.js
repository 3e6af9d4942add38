// Parses every .tf and .tfvars file under the given folders with HashiCorp's HCL parser
// (@cdktf/hcl2json) and prints one JSON object: path -> the file as JSON, or {"__error": message}.
// Blocks come out as arrays of objects, attributes as values, expressions as "${...}" strings.
"use strict";
const fs = require("fs");
const path = require("path");
const { parse } = require("@cdktf/hcl2json");

const SKIP = new Set(["node_modules", ".terraform", "target"]);

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : files(full);
    return /\.(tf|tfvars)$/.test(entry.name) ? [full] : [];
  });
}

async function main() {
  const result = {};
  for (const root of process.argv.slice(2)) {
    for (const file of files(root).sort()) {
      try {
        result[file] = await parse(path.basename(file), fs.readFileSync(file, "utf8"));
      } catch (error) {
        result[file] = { __error: String(error && error.message ? error.message : error) };
      }
    }
  }
  process.stdout.write(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
