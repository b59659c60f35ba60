import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { precompressDirectory } from "./precompress";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("precompressDirectory", () => {
  it("writes Brotli and gzip copies of text files that decompress to the same bytes, and leaves the rest", () => {
    const dir = mkdtempSync(join(tmpdir(), "precompress-"));
    made.push(dir);
    mkdirSync(join(dir, "assets"));
    const script = "export const sentence = 'We urge the delegations to protect encryption.';\n".repeat(200);
    writeFileSync(join(dir, "assets", "entry.js"), script);
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>Caucus</title>".repeat(20));
    writeFileSync(join(dir, "assets", "font.woff2"), Buffer.alloc(2048, 7));
    writeFileSync(join(dir, "tiny.txt"), "a");

    const written = precompressDirectory(dir).sort();
    expect(written).toEqual(["assets/entry.js.br", "assets/entry.js.gz", "index.html.br", "index.html.gz"]);
    const br = readFileSync(join(dir, "assets", "entry.js.br"));
    expect(brotliDecompressSync(br).toString()).toBe(script);
    expect(gunzipSync(readFileSync(join(dir, "assets", "entry.js.gz"))).toString()).toBe(script);
    expect(br.length).toBeLessThan(script.length / 10);
    // Already compressed, or no smaller compressed: no copy.
    expect(existsSync(join(dir, "assets", "font.woff2.br"))).toBe(false);
    expect(existsSync(join(dir, "tiny.txt.br"))).toBe(false);
  });
});
