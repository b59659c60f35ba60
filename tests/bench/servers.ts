import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { api, createDocument } from "../support/clients.js";
import { findFreePort } from "../support/ports.js";
import { ONE_ADDRESS_FOR_MANY_CLIENTS, REPO_ROOT, startServer } from "../support/server.js";

export type ServerKind = "ours" | "reference";

/** One running server under test, with what the metrics need from it. */
export interface BenchServer {
  readonly kind: ServerKind;
  /** True when the server unloads documents and reads them back from storage. */
  readonly persistent: boolean;
  readonly pid: number;
  /** `serverUrl` for the stock WebsocketProvider; the room is appended as `/<room>`. */
  readonly wsUrl: string;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Inspector WebSocket URL when started with `inspect`, for heap probes. */
  readonly inspectorUrl: string | undefined;
  /** A room to sync: a created document on ours, a fresh name on the reference. */
  createRoom(title: string): Promise<string>;
  /** Documents in server memory, when the server can tell (ours: /api/health). */
  loadedDocuments(): Promise<number | undefined>;
  /** The server's output, for a report when something went wrong. */
  logs(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Open the V8 inspector on 127.0.0.1 so the bench can force GC and read the heap. */
  inspect?: boolean;
  /**
   * Reference only: its own LevelDB persistence (YPERSISTENCE) in a temp
   * folder, so it unloads a document when the last client leaves and loads
   * it from disk on the next connect, as ours does.
   */
  persistent?: boolean;
}

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;
const INSPECTOR_LINE = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/;

/** Starts a fresh server of `kind`; each metric gets its own so none inherits another's rooms. */
export function startBenchServer(kind: ServerKind, options: StartOptions = {}): Promise<BenchServer> {
  return kind === "ours" ? startOurs(options) : startReference(options);
}

/** `apps/server/dist/main.js` with embedded PGlite storage in a temporary DATA_DIR. */
async function startOurs(options: StartOptions): Promise<BenchServer> {
  // NODE_OPTIONS, because the shared test helper spawns `node main.js` without flags.
  const env: Record<string, string> = { ...ONE_ADDRESS_FOR_MANY_CLIENTS };
  if (options.inspect) env.NODE_OPTIONS = "--inspect=127.0.0.1:0";
  const server = await startServer({ env });
  const inspectorUrl = options.inspect ? INSPECTOR_LINE.exec(server.logs())?.[1] : undefined;
  if (options.inspect && !inspectorUrl) {
    await server.dispose();
    throw new Error(`our server did not print an inspector URL:\n${server.logs()}`);
  }
  let counter = 0;
  return {
    kind: "ours",
    persistent: true,
    pid: server.process.pid as number,
    wsUrl: server.wsUrl,
    url: server.url,
    inspectorUrl,
    createRoom: async (title) => (await createDocument(server, `${title} ${++counter}`, "notes")).id,
    async loadedDocuments() {
      const { body } = await api<{ documentsLoaded?: unknown }>(server, "GET", "/api/health");
      return typeof body?.documentsLoaded === "number" ? body.documentsLoaded : undefined;
    },
    logs: () => server.logs(),
    async stop() {
      await withTimeout(server.stop(), STOP_TIMEOUT_MS).catch(() => undefined);
      await server.dispose();
    },
  };
}

/**
 * `@y/websocket-server`'s own entry (`src/server.js`), unmodified and in
 * memory: no YPERSISTENCE, so it never writes anything.
 */
async function startReference(options: StartOptions): Promise<BenchServer> {
  const require = createRequire(join(REPO_ROOT, "tests/package.json"));
  const entry = join(dirname(require.resolve("@y/websocket-server/package.json")), "src/server.js");
  const port = await findFreePort();
  const args = options.inspect ? ["--inspect=127.0.0.1:0", entry] : [entry];
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: "127.0.0.1", PORT: String(port) };
  delete env.YPERSISTENCE;
  delete env.NODE_OPTIONS;
  const persistenceDir = options.persistent ? mkdtempSync(join(tmpdir(), "bench-leveldb-")) : undefined;
  if (persistenceDir) env.YPERSISTENCE = persistenceDir;
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => live.delete(child));

  let inspectorUrl: string | undefined;
  await new Promise<void>((resolve, reject) => {
    let listening = false;
    const timer = setTimeout(
      () => reject(new Error(`reference server did not start:\n${lines.join("\n")}`)),
      READY_TIMEOUT_MS,
    );
    const ready = () => {
      if (listening && (!options.inspect || inspectorUrl)) {
        clearTimeout(timer);
        resolve();
      }
    };
    const collect = (stream: NodeJS.ReadableStream, name: string) => {
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        for (const line of chunk.split("\n").filter(Boolean)) {
          if (lines.length < 2_000) lines.push(`[${name}] ${line}`);
          if (line.includes("running at")) listening = true;
          inspectorUrl ??= INSPECTOR_LINE.exec(line)?.[1];
        }
        ready();
      });
    };
    collect(child.stdout as NodeJS.ReadableStream, "stdout");
    collect(child.stderr as NodeJS.ReadableStream, "stderr");
    void exited.then(() => reject(new Error(`reference server exited:\n${lines.join("\n")}`)));
  });

  let counter = 0;
  return {
    kind: "reference",
    persistent: persistenceDir !== undefined,
    pid: child.pid as number,
    wsUrl: `ws://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    inspectorUrl,
    // Room names only need to be unique; the reference creates a doc on first connect.
    createRoom: async (title) => `${title.replace(/\W+/g, "-")}-${++counter}-${process.pid}`,
    loadedDocuments: async () => undefined,
    logs: () => lines.join("\n"),
    async stop() {
      child.kill("SIGTERM");
      await withTimeout(exited, STOP_TIMEOUT_MS).catch(() => child.kill("SIGKILL"));
      if (persistenceDir) rmSync(persistenceDir, { recursive: true, force: true });
    },
  };
}

const live = new Set<ChildProcess>();
// A crashed or interrupted bench must not leave a reference server behind.
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
