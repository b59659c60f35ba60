import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { forgetAccounts } from "./accounts.js";
import { isPortFree, sleep } from "./ports.js";

/** The monorepo root: the server is spawned from there, as `npm start` would. */
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
const SERVER_ENTRY = join(REPO_ROOT, "apps/server/dist/main.js");
/**
 * A first start copies the build's empty database into its DATA_DIR (a few
 * seconds); one without that template creates it: 15 s on a busy 2-core machine.
 */
const READY_TIMEOUT_MS = 60_000;
const MAX_LOG_LINES = 5_000;
/**
 * For runs whose many clients all come from 127.0.0.1 (benchmarks, soak,
 * bursts), where in use they would come from many addresses: lifts the
 * per-address limits, leaving every per-socket limit as shipped.
 */
export const ONE_ADDRESS_FOR_MANY_CLIENTS: Record<string, string> = {
  ADDRESS_MESSAGES_PER_SECOND: "1000000",
  CONNECTIONS_PER_ADDRESS: "100000",
  CONNECTION_ATTEMPTS_PER_MINUTE: "100000",
};

export interface StartServerOptions {
  /** Extra environment; merged over a quiet default (`LOG_LEVEL=info`, `PORT=0`). */
  env?: Record<string, string>;
  /**
   * PGlite folder. When omitted, a new temporary one (deleted by `dispose`),
   * which the server fills with a copy of the build's empty database.
   */
  dataDir?: string;
  /** Port to listen on; 0 (any free port) when omitted. */
  port?: number;
  /** Flags for `node` before the entry, for those NODE_OPTIONS refuses (`--cpu-prof`). */
  nodeArgs?: string[];
}

/**
 * A running `@caucus/server` process. The handle outlives its process:
 * `restart()` replaces the process and keeps port, DATA_DIR and env, so the
 * handle (and clients pointed at its URL) keep working.
 */
export interface TestServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `ws://127.0.0.1:<port>/sync`: the base URL a WebsocketProvider takes. */
  readonly wsUrl: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** Resolves when the current process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait for exit; returns the exit status. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (SIGKILL by default) and waits for exit. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts a new process on the same DATA_DIR, env and (unless told otherwise) port. */
  restart(options?: { samePort?: boolean }): Promise<void>;
  /** Everything the process(es) wrote, one line per entry, prefixed with the stream name. */
  logs(): string;
  /** Kills the process if still running and deletes a temporary DATA_DIR. */
  dispose(): Promise<void>;
}

const live = new Set<ChildProcess>();
// Never leave a server behind when the test process dies.
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

interface Spawned {
  child: ChildProcess;
  port: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the server and resolves with its port once it logs `"msg":"listening"`. */
function spawnServer(
  env: Record<string, string>,
  lines: string[],
  nodeArgs: string[] = [],
): Promise<Spawned> {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(
      `${SERVER_ENTRY} does not exist; build it: cd ${REPO_ROOT} && npx turbo run build --filter=@caucus/server`,
    );
  }
  const child = spawn(process.execPath, [...nodeArgs, SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.once("exit", (code, signal) => {
      live.delete(child);
      lines.push(`[exit] code=${code} signal=${signal}`);
      resolveExit({ code, signal });
    });
  });

  return new Promise<Spawned>((resolveReady, rejectReady) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      rejectReady(new Error(`${why}\n--- server output ---\n${lines.slice(-60).join("\n")}`));
    };
    const timer = setTimeout(
      () => fail(`server did not log "listening" within ${READY_TIMEOUT_MS} ms`),
      READY_TIMEOUT_MS,
    );
    const collect = (stream: NodeJS.ReadableStream, name: string) => {
      let partial = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        partial += chunk;
        const parts = partial.split("\n");
        partial = parts.pop() ?? "";
        for (const line of parts) {
          if (lines.length >= MAX_LOG_LINES) lines.shift();
          lines.push(`[${name}] ${line}`);
          if (!settled && name === "stdout" && line.includes('"msg":"listening"')) {
            const port = readPort(line);
            if (port !== undefined) {
              settled = true;
              clearTimeout(timer);
              resolveReady({ child, port, exited });
            }
          }
        }
      });
    };
    collect(child.stdout as NodeJS.ReadableStream, "stdout");
    collect(child.stderr as NodeJS.ReadableStream, "stderr");
    void exited.then(({ code, signal }) =>
      fail(`server exited before listening (code ${code}, signal ${signal})`),
    );
  });
}

function readPort(line: string): number | undefined {
  try {
    const record = JSON.parse(line) as { port?: unknown };
    return typeof record.port === "number" ? record.port : undefined;
  } catch {
    const match = /"port":(\d+)/.exec(line);
    return match ? Number(match[1]) : undefined;
  }
}

/**
 * Starts the built server (`apps/server/dist/main.js`) on 127.0.0.1 and waits
 * until it is listening. Fails with the server's output if it exits first or
 * takes longer than READY_TIMEOUT_MS. `useServers()` (fixtures.ts) is how a
 * test file starts one, so that it is disposed after the test or the file.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "caucus-data-"));
  const lines: string[] = [];
  const baseEnv: Record<string, string> = {
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    DATA_DIR: dataDir,
    // Tests sign many people up from 127.0.0.1; the limit itself is tested in the server's unit tests.
    SIGN_UPS_PER_HOUR: "100000",
    INVITATION_LOOKUPS_PER_MINUTE: "100000",
    ...options.env,
  };
  let current: Spawned;
  try {
    current = await spawnServer({ ...baseEnv, PORT: String(options.port ?? 0) }, lines, options.nodeArgs);
  } catch (error) {
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const port = () => current.port;

  const signal = async (sig: NodeJS.Signals) => {
    if (current.child.exitCode === null && current.child.signalCode === null) current.child.kill(sig);
    return current.exited;
  };

  const server: TestServer = {
    get port() {
      return port();
    },
    get url() {
      return `http://127.0.0.1:${port()}`;
    },
    get wsUrl() {
      return `ws://127.0.0.1:${port()}/sync`;
    },
    dataDir,
    get process() {
      return current.child;
    },
    get exited() {
      return current.exited;
    },
    stop: () => signal("SIGTERM"),
    kill: (sig = "SIGKILL") => signal(sig),
    async restart({ samePort = true } = {}) {
      await signal("SIGTERM");
      const previousPort = current.port;
      // The old socket may linger for a moment; clients reconnect only to the same port.
      for (let attempt = 0; ; attempt++) {
        const wanted = samePort ? previousPort : 0;
        if (samePort && !(await isPortFree(wanted)) && attempt < 40) {
          await sleep(250);
          continue;
        }
        try {
          lines.push(`[restart] port ${wanted}`);
          current = await spawnServer({ ...baseEnv, PORT: String(wanted) }, lines, options.nodeArgs);
          return;
        } catch (error) {
          if (attempt >= 40 || !String(error).includes("EADDRINUSE")) throw error;
          await sleep(250);
        }
      }
    },
    logs: () => lines.join("\n"),
    async dispose() {
      forgetAccounts(server.url);
      await signal("SIGKILL");
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
