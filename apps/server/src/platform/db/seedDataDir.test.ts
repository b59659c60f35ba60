import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedDataDir } from "./seedDataDir.js";

let root: string;
let template: string;

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "caucus-seed-"));
  // A stand-in for the built template: what is copied matters here, not PostgreSQL.
  template = join(root, "template");
  write(join(template, "PG_VERSION"), "18\n");
  write(join(template, "base/1/1259"), "catalog");
  write(join(template, "pg_wal/000000010000000000000001"), "wal");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("seedDataDir", () => {
  it("copies the template into a folder that does not exist yet", async () => {
    const dataDir = join(root, "data/caucus");
    expect(await seedDataDir(dataDir, template)).toBe("seeded");
    expect(readFileSync(join(dataDir, "PG_VERSION"), "utf8")).toBe("18\n");
    expect(readFileSync(join(dataDir, "base/1/1259"), "utf8")).toBe("catalog");
    expect(readFileSync(join(dataDir, "pg_wal/000000010000000000000001"), "utf8")).toBe("wal");
  });

  it("copies it into an empty folder (a mounted volume)", async () => {
    const dataDir = join(root, "volume");
    mkdirSync(dataDir);
    expect(await seedDataDir(dataDir, template)).toBe("seeded");
    expect(readdirSync(dataDir).sort()).toEqual(["PG_VERSION", "base", "pg_wal"]);
  });

  it("leaves a folder that holds a database alone", async () => {
    const dataDir = join(root, "data");
    write(join(dataDir, "PG_VERSION"), "18\n");
    write(join(dataDir, "base/1/1259"), "the coalition's documents");
    expect(await seedDataDir(dataDir, template)).toBe("existing");
    expect(readFileSync(join(dataDir, "base/1/1259"), "utf8")).toBe("the coalition's documents");
    expect(readdirSync(dataDir).sort()).toEqual(["PG_VERSION", "base"]);
  });

  it("copies again over a copy cut short (no marker file yet)", async () => {
    const dataDir = join(root, "data");
    write(join(dataDir, "base/1/1259"), "cat");
    expect(await seedDataDir(dataDir, template)).toBe("seeded");
    expect(readFileSync(join(dataDir, "base/1/1259"), "utf8")).toBe("catalog");
    expect(readFileSync(join(dataDir, "PG_VERSION"), "utf8")).toBe("18\n");
  });

  it("does nothing without a template, or with one that holds no database, so PGlite creates it", async () => {
    const dataDir = join(root, "data");
    expect(await seedDataDir(dataDir, undefined)).toBe("no template");
    expect(await seedDataDir(dataDir, join(root, "missing"))).toBe("no template");
    rmSync(join(template, "PG_VERSION"));
    expect(await seedDataDir(dataDir, template)).toBe("no template");
    expect(() => readdirSync(dataDir)).toThrow(/ENOENT/);
  });
});
