// Runs `npm ci` only when node_modules is missing or package-lock.json changed
// since the last install, so the harness's build step stays incremental.
// The stamp (a hash of the lock file) lives inside node_modules, which `npm ci`
// wipes, so a failed or interrupted install never leaves a stale stamp behind.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lockFile = join(root, "package-lock.json");
const stampFile = join(root, "node_modules", ".lock-sha256");

const wanted = createHash("sha256").update(readFileSync(lockFile)).digest("hex");
const installed = existsSync(stampFile) ? readFileSync(stampFile, "utf8").trim() : "";

if (installed === wanted) {
  console.error("ensure-deps: node_modules matches package-lock.json, skipping npm ci");
} else {
  // shell: npm is npm.cmd on Windows.
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stampFile, `${wanted}\n`);
}
