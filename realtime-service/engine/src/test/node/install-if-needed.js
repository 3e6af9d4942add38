// Run by the Maven build (generate-test-resources): `npm install --no-audit --no-fund` in each
// folder given (this one when none is), skipped where node_modules was installed from the same
// package.json and package-lock.json. The official protocol suites (../conformance/*) are
// installed with `npm ci`, exactly from their pinned lock files.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");

function digest(dir) {
  const hash = crypto.createHash("sha256");
  for (const file of ["package.json", "package-lock.json"]) {
    const p = path.join(dir, file);
    if (fs.existsSync(p)) hash.update(file).update(fs.readFileSync(p));
  }
  return hash.digest("hex");
}

function install(dir, exact) {
  const stamp = path.join(dir, "node_modules", ".utalk-install-stamp");
  const name = path.relative(path.join(__dirname, ".."), dir) || ".";
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === digest(dir)) {
    console.log(`${name}: node_modules is up to date`);
    return;
  }
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  execFileSync(npm, [exact ? "ci" : "install", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
  fs.writeFileSync(stamp, digest(dir)); // after the install, which may have updated the lock file
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  install(__dirname, false);
} else {
  for (const dir of dirs) {
    const resolved = path.resolve(dir);
    install(resolved, resolved !== __dirname);
  }
}
