#!/usr/bin/env node
// The last step of the server's build: makes dist/pgdata-template, an empty
// PGlite database with every migration applied, which a first start copies
// into its new DATA_DIR instead of creating a database there (PGlite's
// initdb: seconds, and about 800 MB at its peak; see
// src/platform/db/seedDataDir.ts). It is made by the built code, so with the
// server's own PGlite, settings and migrations, and made again only when
// one of those changed.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "../dist");
const template = join(dist, "pgdata-template");
const stampFile = join(dist, "pgdata-template.json");

const pgliteEntry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
const inputs = [
  join(dirname(pgliteEntry), "../package.json"),
  join(dist, "platform/db/PgliteClient.js"),
  join(dist, "platform/db/migrations.js"),
];
const hash = createHash("sha256");
for (const file of inputs) hash.update(readFileSync(file));
const stamp = JSON.stringify({ inputs: hash.digest("hex") });

if (existsSync(join(template, "PG_VERSION")) && existsSync(stampFile)) {
  if (readFileSync(stampFile, "utf8") === stamp) process.exit(0);
}

const started = performance.now();
const { openDatabase } = await import(join(dist, "platform/db/openDatabase.js"));
// Made aside and renamed into place, so a build cut short leaves no half template.
const partial = `${template}.partial-${process.pid}`;
rmSync(partial, { recursive: true, force: true });
const db = await openDatabase({ dataDir: partial });
await db.close();
rmSync(template, { recursive: true, force: true });
renameSync(partial, template);
writeFileSync(stampFile, stamp);
console.log(
  `dist/pgdata-template: the empty database, migrated (${Math.round(performance.now() - started)} ms)`,
);
