// Run by the Maven build (generate-test-resources): `npm install --no-audit --no-fund` in this
// folder, skipped when node_modules was installed from the same package.json and package-lock.json.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

const dir = __dirname;
const stamp = path.join(dir, "node_modules", ".utalk-install-stamp");

function digest() {
  const hash = crypto.createHash("sha256");
  for (const file of ["package.json", "package-lock.json"]) {
    const p = path.join(dir, file);
    if (fs.existsSync(p)) hash.update(file).update(fs.readFileSync(p));
  }
  return hash.digest("hex");
}

if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === digest()) {
  console.log("src/test/node: node_modules is up to date");
  process.exit(0);
}
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
execFileSync(npm, ["install", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
fs.writeFileSync(stamp, digest()); // after the install, which may have updated the lock file
