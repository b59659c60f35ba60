import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  acceptInvitation,
  defaultAccount,
  invite,
  signIn,
  signUp,
  workspaceOf,
} from "../support/accounts.js";
import { api, createDocument, credentialHeaders } from "../support/clients.js";
import { findFreePort } from "../support/ports.js";
import { ONE_ADDRESS_FOR_MANY_CLIENTS, REPO_ROOT, startServer } from "../support/server.js";
import { type Framing, hocuspocusFraming, plainFraming } from "./framing.js";

/** Ours, `@y/websocket-server` ("reference", the first reference) and Hocuspocus 4. */
export type ServerKind = "ours" | "reference" | "hocuspocus";
export const SERVER_KINDS: readonly ServerKind[] = ["ours", "reference", "hocuspocus"];
/** How the report names each server. */
export const SERVER_LABELS: Record<ServerKind, string> = {
  ours: "ours",
  reference: "y-websocket",
  hocuspocus: "Hocuspocus",
};

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
  /** How its socket wants y-websocket messages framed. */
  readonly framing: Framing;
  /** A room to sync: a created document on ours, a fresh name on the references. */
  createRoom(title: string): Promise<string>;
  /**
   * The handshake headers of `people` × `devices` sessions, person by
   * person: on ours each person signs up, joins the rooms' workspace as an
   * editor and signs in on each device; the references have no accounts
   * (one empty set of headers per session).
   */
  seatPeople(people: number, devices: number): Promise<Record<string, string>[]>;
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
   * `@y/websocket-server` only: its own LevelDB persistence (YPERSISTENCE) in a temp
   * folder, so it unloads a document when the last client leaves and loads
   * it from disk on the next connect, as ours does.
   */
  persistent?: boolean;
  /**
   * Ours only: this DATA_DIR instead of a temporary one, left in place when
   * the server stops, so a later start finds what this one stored.
   */
  dataDir?: string;
}

const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;
const INSPECTOR_LINE = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/;

/** Starts a fresh server of `kind`; each metric gets its own so none inherits another's rooms. */
export function startBenchServer(kind: ServerKind, options: StartOptions = {}): Promise<BenchServer> {
  if (kind === "ours") return startOurs(options);
  if (kind === "reference") return startYWebsocket(options);
  if (options.persistent) throw new Error("the bench runs Hocuspocus in memory only");
  return startSpawned("hocuspocus", join(BENCH_DIR, "hocuspocusServer.mjs"), options, {});
}

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

/**
 * BENCH_PROFILE=1 starts ours with `--cpu-prof`: each of its processes
 * leaves a `.cpuprofile` in tests/bench/results/profiles (or in
 * BENCH_PROFILE_DIR) when it stops; `node tests/bench/profileSummary.mjs
 * <file>` sums it by function.
 */
const PROFILE_DIR =
  process.env.BENCH_PROFILE === "1"
    ? (process.env.BENCH_PROFILE_DIR ?? join(BENCH_DIR, "results/profiles"))
    : undefined;

/**
 * The storm's hall signs its people up and invites them from one address
 * (127.0.0.1) in a minute, where the shipped per-address and per-person
 * hourly limits would stop it at 50.
 */
const A_HALL_FROM_ONE_ADDRESS: Record<string, string> = {
  SIGN_UPS_PER_HOUR: "100000",
  INVITATIONS_PER_HOUR: "100000",
};
/** Sign-ups and sign-ins at once while seating people (each is a scrypt on the server). */
const SEATING_IN_PARALLEL = 4;

/** `apps/server/dist/main.js` with embedded PGlite storage in a temporary DATA_DIR. */
async function startOurs(options: StartOptions): Promise<BenchServer> {
  // NODE_OPTIONS, because the shared test helper spawns `node main.js` without flags.
  const env: Record<string, string> = { ...ONE_ADDRESS_FOR_MANY_CLIENTS, ...A_HALL_FROM_ONE_ADDRESS };
  if (options.inspect) env.NODE_OPTIONS = "--inspect=127.0.0.1:0";
  // V8 writes the profile when the process exits, so a SIGTERM stop leaves it behind.
  const nodeArgs = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const server = await startServer({ env, dataDir: options.dataDir, nodeArgs });
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
    framing: plainFraming,
    createRoom: async (title) => (await createDocument(server, `${title} ${++counter}`, "notes")).id,
    async seatPeople(people, devices) {
      const owner = await defaultAccount(server);
      const workspaceId = await workspaceOf(server, owner);
      const seats: Record<string, string>[][] = [];
      let next = 0;
      const seat = async () => {
        for (let p = next++; p < people; p = next++) {
          const person = await signUp(server, `Delegate ${p + 1}`);
          await acceptInvitation(
            server,
            person,
            await invite(server, owner, workspaceId, { role: "editor" }),
          );
          const sessions = [person];
          for (let d = 1; d < devices; d++) sessions.push(await signIn(server, person));
          seats[p] = sessions.map((session) => credentialHeaders(server, session));
        }
      };
      await Promise.all(Array.from({ length: SEATING_IN_PARALLEL }, seat));
      return seats.flat();
    },
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
 * memory unless `persistent`: no YPERSISTENCE, so it never writes anything.
 */
function startYWebsocket(options: StartOptions): Promise<BenchServer> {
  const require = createRequire(join(REPO_ROOT, "tests/package.json"));
  const entry = join(dirname(require.resolve("@y/websocket-server/package.json")), "src/server.js");
  const persistenceDir = options.persistent ? mkdtempSync(join(tmpdir(), "bench-leveldb-")) : undefined;
  return startSpawned(
    "reference",
    entry,
    options,
    persistenceDir ? { YPERSISTENCE: persistenceDir } : {},
    () => {
      if (persistenceDir) rmSync(persistenceDir, { recursive: true, force: true });
    },
  );
}

/**
 * A reference server as its own Node process on 127.0.0.1 and a free port,
 * ready once it prints "running at". `cleanUp` runs after it has exited.
 */
async function startSpawned(
  kind: Exclude<ServerKind, "ours">,
  entry: string,
  options: StartOptions,
  extraEnv: Record<string, string>,
  cleanUp = () => {},
): Promise<BenchServer> {
  const port = await findFreePort();
  const args = options.inspect ? ["--inspect=127.0.0.1:0", entry] : [entry];
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: "127.0.0.1", PORT: String(port), ...extraEnv };
  if (!extraEnv.YPERSISTENCE) delete env.YPERSISTENCE;
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => live.delete(child));

  let inspectorUrl: string | undefined;
  await new Promise<void>((resolve, reject) => {
    let listening = false;
    const timer = setTimeout(
      () => reject(new Error(`${kind} server did not start:\n${lines.join("\n")}`)),
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
    void exited.then(() => reject(new Error(`${kind} server exited:\n${lines.join("\n")}`)));
  });

  let counter = 0;
  return {
    kind,
    persistent: extraEnv.YPERSISTENCE !== undefined,
    pid: child.pid as number,
    // Hocuspocus ignores the path (the document's name is in each frame); the provider puts the room there anyway.
    wsUrl: `ws://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    inspectorUrl,
    framing: kind === "hocuspocus" ? hocuspocusFraming : plainFraming,
    // Room names only need to be unique; both create a document on its first socket.
    createRoom: async (title) => `${title.replace(/\W+/g, "-")}-${++counter}-${process.pid}`,
    seatPeople: async (people, devices) => Array.from({ length: people * devices }, () => ({})),
    loadedDocuments: async () => undefined,
    logs: () => lines.join("\n"),
    async stop() {
      child.kill("SIGTERM");
      await withTimeout(exited, STOP_TIMEOUT_MS).catch(() => child.kill("SIGKILL"));
      cleanUp();
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
