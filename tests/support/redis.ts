import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort, isPortFree, sleep } from "./ports.js";

/** A throwaway Redis server that only this test run uses. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`, with `:<password>@` when started with one. */
  readonly url: string;
  readonly port: number;
  /** SIGKILLs the server, as a crash would. {@link restart} brings it back on the same port. */
  kill(): Promise<void>;
  /** Stops the server with SIGTERM and waits for it to exit; {@link restart} brings it back. */
  stop(): Promise<void>;
  /** Starts the server again on the same port (after a kill or stop, or while running). Empty: nothing is persisted. */
  restart(): Promise<void>;
  /** Kills the server and deletes its folder. Safe to call twice. */
  dispose(): Promise<void>;
  /** The running server's process id, if it runs. */
  pid(): number | undefined;
  /** The server log, for failure messages. */
  log(): string;
}

const READY_TIMEOUT_MS = 10_000;
const running = new Set<ChildProcess>();
// A crashed test run must not leave redis-servers behind.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** `REDIS_SERVER` when set, else the Debian package's binary. */
function findBinary(): string {
  const bin = process.env.REDIS_SERVER ?? "/usr/bin/redis-server";
  if (!existsSync(bin))
    throw new Error(`No redis-server at ${bin} (apt-get install redis-server), or set REDIS_SERVER`);
  return bin;
}

/** Resolves once the server answers PING on `port`, or rejects after the timeout. */
async function waitForPong(
  port: number,
  password: string | undefined,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    const answered = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      let reply = "";
      socket.setTimeout(500, () => socket.destroy());
      const commands = password ? `AUTH ${password}\r\nPING\r\n` : "PING\r\n";
      socket.on("connect", () => socket.write(commands));
      socket.on("data", (chunk) => {
        reply += chunk.toString();
        if (reply.includes("PONG\r\n") || reply.startsWith("-")) socket.end();
      });
      socket.on("close", () => resolve(reply.includes("+PONG")));
      socket.on("error", () => undefined);
    });
    if (answered) return;
    await sleep(50);
  }
  throw new Error(
    `redis-server on port ${port} did not answer PING within ${READY_TIMEOUT_MS} ms:\n${log()}`,
  );
}

/**
 * Starts a real `redis-server` in a temporary folder on a free port of
 * 127.0.0.1, with no persistence: a restart comes back empty, as a Redis
 * used only for fan-out and presence would after a crash. With `password`,
 * clients must authenticate (`requirepass`).
 */
export async function startRedis(options: { password?: string } = {}): Promise<RedisServer> {
  const { password } = options;
  const bin = findBinary();
  const root = mkdtempSync(join(tmpdir(), "caucus-redis-"));
  const logFile = join(root, "redis.log");
  const port = await findFreePort();
  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
  let child: ChildProcess | undefined;

  const exited = (process: ChildProcess) =>
    process.exitCode !== null || process.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => process.once("exit", () => resolve()));

  const signal = async (sig: NodeJS.Signals) => {
    const current = child;
    if (!current) return;
    child = undefined;
    if (current.exitCode === null && current.signalCode === null) current.kill(sig);
    await exited(current);
    running.delete(current);
  };

  const start = async () => {
    // The port may be held for a moment after a kill; the server itself is told to bind it again.
    for (let attempt = 0; !(await isPortFree(port)) && attempt < 40; attempt++) await sleep(100);
    const spawned = spawn(
      bin,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        root,
        "--save",
        "",
        "--appendonly",
        "no",
        "--logfile",
        logFile,
        "--daemonize",
        "no",
        ...(password ? ["--requirepass", password] : []),
      ],
      { stdio: "ignore" },
    );
    child = spawned;
    running.add(spawned);
    try {
      await waitForPong(port, password, spawned, readLog);
    } catch (error) {
      await signal("SIGKILL");
      throw error;
    }
  };

  await start();
  let disposed = false;
  return {
    url: password
      ? `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`
      : `redis://127.0.0.1:${port}`,
    port,
    kill: () => signal("SIGKILL"),
    stop: () => signal("SIGTERM"),
    async restart() {
      await signal("SIGKILL");
      await start();
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await signal("SIGKILL");
      rmSync(root, { recursive: true, force: true });
    },
    pid: () => child?.pid,
    log: readLog,
  };
}
