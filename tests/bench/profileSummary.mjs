#!/usr/bin/env node
/**
 * Sums a V8 `.cpuprofile` (as `node --cpu-prof` writes, e.g. from
 * BENCH_PROFILE=1) by function and by file: self time (samples in the
 * function itself) and total time (samples with it anywhere on the stack,
 * each sample counted once per function however deep the recursion).
 *
 * node tests/bench/profileSummary.mjs <file.cpuprofile> [rows=25] [filter] [--window=FROM,TO] [--timeline=NAME]
 *
 * `filter` keeps only rows whose file or function contains it; `--window`
 * counts only the samples from FROM to TO seconds after the profile began
 * (to leave out the server's start and stop). `--timeline=NAME` prints
 * instead, second by second, the CPU milliseconds not idle and those with
 * a function named NAME on the stack (`upgrade` finds a storm's waves).
 */
import { readFileSync } from "node:fs";

const windowArg = process.argv.find((arg) => arg.startsWith("--window="));
const timelineArg = process.argv.find((arg) => arg.startsWith("--timeline="));
const [file, rowsArg = "25", filter] = process.argv
  .slice(2)
  .filter((arg) => arg !== windowArg && arg !== timelineArg);
const [fromS, toS] = windowArg ? windowArg.slice("--window=".length).split(",").map(Number) : [0, Infinity];
if (!file) {
  console.error("usage: profileSummary.mjs <file.cpuprofile> [rows] [filter]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8"));
const rows = Number(rowsArg);

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

if (timelineArg) {
  const name = timelineArg.slice("--timeline=".length);
  const onStack = new Map();
  const has = (id) => {
    if (!onStack.has(id)) {
      const node = byId.get(id);
      onStack.set(id, node.callFrame.functionName === name || (parent.has(id) && has(parent.get(id))));
    }
    return onStack.get(id);
  };
  const seconds = [];
  let elapsed = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    elapsed += profile.timeDeltas[i];
    const us = profile.timeDeltas[i + 1] ?? 0;
    const id = profile.samples[i];
    const index = Math.floor(elapsed / 1e6);
    seconds[index] ??= { busy: 0, named: 0 };
    const second = seconds[index];
    if (byId.get(id).callFrame.functionName !== "(idle)") second.busy += us;
    if (has(id)) second.named += us;
  }
  console.log(`second   busy ms   ms in ${name}`);
  seconds.forEach((second, i) => {
    if (second)
      console.log(
        `${String(i).padStart(6)} ${String(Math.round(second.busy / 1000)).padStart(9)} ${String(Math.round(second.named / 1000)).padStart(14)}`,
      );
  });
  process.exit(0);
}

// Time per sample: the gap to the next one (the last gets the mean).
const deltas = profile.timeDeltas;
const totalUs = profile.endTime - profile.startTime;
const weights = new Map();
let at = 0;
for (let i = 0; i < profile.samples.length; i++) {
  at += deltas[i];
  if (at < fromS * 1e6 || at > toS * 1e6) continue;
  const us = i + 1 < deltas.length ? deltas[i + 1] : totalUs / profile.samples.length;
  weights.set(profile.samples[i], (weights.get(profile.samples[i]) ?? 0) + us);
}

const shortUrl = (url) =>
  url
    .replace(/^file:\/\//, "")
    .replace(/^.*\/node_modules\//, "npm:")
    .replace(/^.*\/apps\/server\/dist\//, "server:")
    .replace(/^.*\/packages\/shared\/dist\//, "shared:");
const frameKey = ({ callFrame }) =>
  `${callFrame.functionName || "(anonymous)"}  ${shortUrl(callFrame.url)}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ""}`;
const fileKey = ({ callFrame }) => shortUrl(callFrame.url) || `(${callFrame.functionName || "native"})`;

function aggregate(keyOf) {
  const self = new Map();
  const total = new Map();
  for (const [id, us] of weights) {
    const leaf = byId.get(id);
    const leafKey = keyOf(leaf);
    self.set(leafKey, (self.get(leafKey) ?? 0) + us);
    const seen = new Set();
    for (let node = leaf; node; node = byId.get(parent.get(node.id))) {
      const key = keyOf(node);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + us);
    }
  }
  return { self, total };
}

const busyUs = [...weights].reduce(
  (sum, [id, us]) => (byId.get(id).callFrame.functionName === "(idle)" ? sum : sum + us),
  0,
);
const ms = (us) => (us / 1000).toFixed(0).padStart(7);
const pct = (us) => `${((100 * us) / busyUs).toFixed(1).padStart(5)}%`;

function print(title, keyOf, order) {
  const { self, total } = aggregate(keyOf);
  const keys = [...(order === "self" ? self : total).keys()]
    .filter((key) => !key.includes("(idle)") && (!filter || key.includes(filter)))
    .sort(
      (a, b) =>
        ((order === "self" ? self : total).get(b) ?? 0) - ((order === "self" ? self : total).get(a) ?? 0),
    )
    .slice(0, rows);
  console.log(`\n${title} (ms and share of non-idle time)\n   self          total`);
  for (const key of keys) {
    const s = self.get(key) ?? 0;
    const t = total.get(key) ?? 0;
    console.log(`${ms(s)} ${pct(s)} ${ms(t)} ${pct(t)}  ${key}`);
  }
}

console.log(
  `${file}: ${(totalUs / 1e6).toFixed(1)} s profiled, ${(busyUs / 1e6).toFixed(2)} s not idle, ${profile.samples.length} samples`,
);
print("By function, highest self time", frameKey, "self");
print("By function, highest total time", frameKey, "total");
print("By file, highest self time", fileKey, "self");

/** A frame's package (npm), Node's own code, our folder (server:sync), or undefined for a native frame. */
function libraryOf({ callFrame }) {
  const { url, functionName } = callFrame;
  if (functionName === "(garbage collector)" || functionName === "(program)") return functionName;
  if (url.startsWith("wasm://")) return "npm:@electric-sql/pglite (wasm)";
  if (url.startsWith("node:")) return undefined;
  const short = shortUrl(url);
  const npm = /^npm:((?:@[^/]+\/)?[^/]+)/.exec(short);
  if (npm) return `npm:${npm[1]}`;
  const ours = /^(server|shared):([^/]+)\//.exec(short);
  if (ours) return `${ours[1]}:${ours[2]}`;
  return short || undefined;
}

// Each sample counted once, for the innermost package or folder of ours on its stack: Node's
// own code and native frames count for whoever called them, and only for Node when nobody did.
const byLibrary = new Map();
for (const [id, us] of weights) {
  let key;
  for (let node = byId.get(id); node && key === undefined; node = byId.get(parent.get(node.id)))
    key = libraryOf(node);
  key ??= "node (nothing else on the stack)";
  if (key === "(idle)" || byId.get(id).callFrame.functionName === "(idle)") continue;
  byLibrary.set(key, (byLibrary.get(key) ?? 0) + us);
}
console.log("\nBy library: who on the stack asked for it (ms and share of non-idle time)");
for (const [key, us] of [...byLibrary].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
  console.log(`${ms(us)} ${pct(us)}  ${key}`);
}
