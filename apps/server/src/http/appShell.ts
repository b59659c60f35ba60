import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Context } from "hono";

/** One HTML shell of the web app as the build wrote it: plain, and the Brotli and gzip copies beside it. */
export interface TAppShell {
  readonly plain: Promise<Buffer>;
  readonly br: Promise<Buffer | undefined>;
  readonly gzip: Promise<Buffer | undefined>;
}

/** Reads `file` of the web build and its precompressed copies once (a missing copy is undefined). */
export function loadAppShell(root: string, file: string): TAppShell {
  const optional = (path: string) => readFile(path).catch(() => undefined);
  return {
    plain: readFile(join(root, file)),
    br: optional(join(root, `${file}.br`)),
    gzip: optional(join(root, `${file}.gz`)),
  };
}

/**
 * Answers with a shell, compressed as the browser accepts (it is not
 * cached, so a phone downloads it on every visit online), never stored by
 * a cache without asking again.
 */
export async function sendAppShell(c: Context, shell: TAppShell): Promise<Response> {
  const accepts = c.req.header("accept-encoding") ?? "";
  const [br, gzip] = await Promise.all([shell.br, shell.gzip]);
  const [body, encoding] =
    br && /\bbr\b/.test(accepts)
      ? [br, "br"]
      : gzip && /\bgzip\b/.test(accepts)
        ? [gzip, "gzip"]
        : [await shell.plain, undefined];
  c.header("Content-Type", "text/html; charset=UTF-8");
  c.header("Cache-Control", "no-cache");
  c.header("Vary", "Accept-Encoding");
  if (encoding) c.header("Content-Encoding", encoding);
  return c.body(new Uint8Array(body), 200);
}
