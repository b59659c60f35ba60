import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { forgetAccounts } from "./accounts.js";
import { findFreePort, isPortFree, sleep } from "./ports.js";
import { REPO_ROOT } from "./server.js";

const NGINX = "/usr/sbin/nginx";
const SHIPPED_CONFIG = join(REPO_ROOT, "deploy/nginx.conf");
const READY_TIMEOUT_MS = 10_000;

/** nginx from Debian, running the shipped `deploy/nginx.conf` in front of test servers. */
export interface TestNginx {
  readonly port: number;
  /** `http://127.0.0.1:<port>`: what browsers and clients use. */
  readonly url: string;
  /** `ws://127.0.0.1:<port>/sync` */
  readonly wsUrl: string;
  /** Everything nginx wrote to stderr. */
  logs(): string;
  dispose(): Promise<void>;
}

/**
 * The config the deployment ships, with only the listen address, the
 * upstream servers and the file paths changed: so the tests exercise the
 * same proxy settings (upgrade headers, Host, X-Forwarded-For) as production.
 */
export function testConfig(port: number, upstreamPorts: number[], prefix: string): string {
  const shipped = readFileSync(SHIPPED_CONFIG, "utf8");
  const servers = upstreamPorts.map((upstream) => `    server 127.0.0.1:${upstream};`).join("\n");
  const config = shipped
    .replace(/^pid .*;$/m, `pid ${join(prefix, "nginx.pid")};`)
    .replace(/(upstream caucus \{\n)(?:\s*#.*\n)*(?:\s*server .*;\n)+/, `$1${servers}\n`)
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(
      /http \{\n/,
      `http {\n  client_body_temp_path ${prefix}/body;\n  proxy_temp_path ${prefix}/proxy;\n  fastcgi_temp_path ${prefix}/fastcgi;\n  uwsgi_temp_path ${prefix}/uwsgi;\n  scgi_temp_path ${prefix}/scgi;\n`,
    );
  if (!config.includes(`listen 127.0.0.1:${port};`) || !config.includes(servers)) {
    throw new Error(
      "deploy/nginx.conf no longer has the shape the tests rewrite (listen 80; upstream caucus)",
    );
  }
  return config;
}

/** Starts nginx on a free port, proxying round-robin to `upstreamPorts`. */
export async function startNginx(upstreamPorts: number[]): Promise<TestNginx> {
  const prefix = mkdtempSync(join(tmpdir(), "caucus-nginx-"));
  for (const folder of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(prefix, folder));
  const port = await findFreePort();
  const configPath = join(prefix, "nginx.conf");
  writeFileSync(configPath, testConfig(port, upstreamPorts, prefix));

  const lines: string[] = [];
  const child: ChildProcess = spawn(NGINX, ["-p", prefix, "-c", configPath, "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => live.delete(child));
  child.stderr?.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
  child.stdout?.on("data", (chunk: Buffer) => lines.push(chunk.toString()));

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (await isPortFree(port)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      rmSync(prefix, { recursive: true, force: true });
      throw new Error(`nginx did not start on ${port}:\n${lines.join("")}`);
    }
    await sleep(50);
  }

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    logs: () => lines.join(""),
    async dispose() {
      forgetAccounts(`http://127.0.0.1:${port}`);
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, sleep(5_000)]);
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});
