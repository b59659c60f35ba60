import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { findFreePort, sleep } from "./ports.js";

/** A throwaway PostgreSQL cluster that only this test run uses. */
export interface PostgresCluster {
  /** Connection URL of the database `caucus` created at start. */
  readonly url: string;
  readonly port: number;
  /** Creates another empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the cluster and deletes its files. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILLs the postmaster, as a crash would. Files are kept for {@link restart}. */
  kill(): Promise<void>;
  /** Starts the cluster again on the same port and data folder. */
  restart(): Promise<void>;
  /** The postmaster's process id while it runs (its backends are its children). */
  pid(): number | undefined;
  /** The server log, for failure messages. */
  log(): string;
}

const running = new Set<PostgresCluster>();
// A crashed test run must not leave postmasters behind: stop them synchronously on exit.
process.once("exit", () => {
  for (const cluster of running) void cluster.kill();
});

/** The newest PostgreSQL's bin folder, or `PG_BIN` when set. */
function findBinaries(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  const newest = versions[0];
  if (!newest)
    throw new Error(`No PostgreSQL found under ${root} (apt-get install postgresql), or set PG_BIN`);
  return join(root, newest, "bin");
}

const isRoot = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root, so as root every command runs as the `postgres` user. */
function run(bin: string, args: string[], what: string): string {
  const [command, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(`${what} failed (${result.status ?? result.signal}): ${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

function postgresOwner(): { uid: number; gid: number } {
  const uid = Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());
  const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error("There is no `postgres` user to run PostgreSQL as");
  return { uid, gid };
}

/** Creates an empty database (a random name unless given) on the cluster at `port`; its URL. */
function databaseCreator(port: number): (name?: string) => Promise<string> {
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return async (name = `caucus_${Math.random().toString(36).slice(2, 10)}`) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', "")}"`);
    } finally {
      await client.end();
    }
    return `postgres://postgres@127.0.0.1:${port}/${name}`;
  };
}

/**
 * Starts a real PostgreSQL cluster in a temporary folder on a free port, with
 * trust authentication for user `postgres` on 127.0.0.1, and creates database
 * `caucus`. fsync is off: tests crash processes, not the machine.
 */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = findBinaries();
  const root = mkdtempSync(join(tmpdir(), "caucus-pg-"));
  const dataDir = join(root, "data");
  const socketDir = join(root, "socket");
  const logFile = join(root, "postgres.log");
  mkdirSync(socketDir);
  if (isRoot) {
    const { uid, gid } = postgresOwner();
    chownSync(root, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  run(
    join(bin, "initdb"),
    ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"],
    "initdb",
  );
  const port = await findFreePort();
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off`;

  const pgCtlStart = () =>
    run(
      join(bin, "pg_ctl"),
      ["-D", dataDir, "-o", options, "-l", logFile, "start", "-w", "-t", "30"],
      "pg_ctl start",
    );

  const start = async () => {
    // After a SIGKILL the old backends may hold shared memory for a moment; retry.
    for (let attempt = 0; ; attempt++) {
      try {
        pgCtlStart();
        return;
      } catch (error) {
        if (attempt >= 20) throw error;
        await sleep(250);
      }
    }
  };

  await start();
  const createDatabase = databaseCreator(port);
  const url = await createDatabase("caucus");

  let stopped = false;
  const cluster: PostgresCluster = {
    url,
    port,
    createDatabase,
    async stop() {
      if (stopped) return;
      stopped = true;
      running.delete(cluster);
      try {
        if (existsSync(join(dataDir, "postmaster.pid"))) {
          run(join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "stop", "-w"], "pg_ctl stop");
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    async kill() {
      const pid = cluster.pid();
      if (pid === undefined) return;
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    },
    async restart() {
      await start();
    },
    pid() {
      const pidFile = join(dataDir, "postmaster.pid");
      return existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").split("\n")[0]) : undefined;
    },
    log() {
      return existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
    },
  };
  running.add(cluster);
  return cluster;
}

/** Where the global setup leaves the port of the run's shared cluster. */
export const SHARED_POSTGRES_ENV = "CAUCUS_TEST_POSTGRES_PORT";

/**
 * The run's one shared cluster (started by the global setup), for files
 * that never stop, kill or restart PostgreSQL: each caller works in
 * databases of its own (`url` is a new one). Without the global setup, a
 * cluster of the caller's own. A file that kills PostgreSQL calls
 * {@link startPostgres} for a private cluster.
 */
export async function sharedPostgres(): Promise<PostgresCluster> {
  const port = Number(process.env[SHARED_POSTGRES_ENV]);
  if (!port) return startPostgres();
  const createDatabase = databaseCreator(port);
  const shared = (what: string) => async () => {
    throw new Error(`the run's shared PostgreSQL cannot ${what}: use startPostgres() for a private cluster`);
  };
  return {
    url: await createDatabase(),
    port,
    createDatabase,
    // The global setup stops it after the run.
    stop: async () => {},
    kill: shared("be killed"),
    restart: shared("be restarted"),
    pid: () => undefined,
    log: () => "",
  };
}
