import pg from "pg";
import type { SqlClient, SqlExecutor, SqlResult } from "./SqlClient.js";

/** A real PostgreSQL server through a small connection pool. */
export class PostgresClient implements SqlClient {
  readonly driver = "postgres" as const;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string): Promise<PostgresClient> {
    const pool = new pg.Pool({
      connectionString,
      max: 10,
      // Fail fast when the database is away, so storing retries with backoff
      // instead of piling up requests behind a dead connection.
      connectionTimeoutMillis: 5_000,
      query_timeout: 30_000,
    });
    // An idle client's error (the server restarted) must not crash the process.
    pool.on("error", () => {});
    const client = new PostgresClient(pool);
    await client.ping();
    return client;
  }

  async query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query(sql, params);
    return result.rows as Row[];
  }

  async execute<Row>(sql: string, params: unknown[] = []): Promise<SqlResult<Row>> {
    const result = await this.pool.query(sql, params);
    return { rows: result.rows as Row[], affectedRows: result.rowCount ?? 0 };
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const connection = await this.pool.connect();
    try {
      await connection.query("BEGIN");
      const result = await work({
        query: async <Row>(sql: string, params: unknown[] = []) =>
          (await connection.query(sql, params)).rows as Row[],
      });
      await connection.query("COMMIT");
      return result;
    } catch (error) {
      await connection.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      connection.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
