import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import type { SqlClient, SqlExecutor } from "./SqlClient.js";

/** Embedded PostgreSQL (WASM) in a folder: the zero-setup default. */
export class PgliteClient implements SqlClient {
  readonly driver = "pglite" as const;

  private constructor(private readonly db: PGlite) {}

  /** Opens (or creates) the database in `dataDir`; `undefined` keeps it in memory. */
  static async open(dataDir: string | undefined): Promise<PgliteClient> {
    if (dataDir) await mkdir(dataDir, { recursive: true });
    const db = await PGlite.create(dataDir);
    return new PgliteClient(db);
  }

  async query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
    const result = await this.db.query<Row>(sql, params);
    return result.rows;
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      work({
        query: async <Row>(sql: string, params: unknown[] = []) => (await tx.query<Row>(sql, params)).rows,
      }),
    );
  }

  async ping(): Promise<void> {
    await this.db.query("SELECT 1");
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
