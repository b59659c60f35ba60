import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from "kysely";
import type { SqlClient } from "./SqlClient.js";

/**
 * A Kysely dialect over our `SqlClient`, so better-auth reads and writes
 * through the same connection (embedded PGlite or the PostgreSQL pool) as
 * the rest of the server. PGlite allows one connection per process, which
 * rules out giving better-auth a second one.
 *
 * Transactions are not offered: better-auth is configured with
 * `transaction: false`, and each statement here may run on any pooled
 * connection.
 */
export class SqlClientDialect implements Dialect {
  constructor(private readonly db: SqlClient) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new SqlClientDriver(this.db);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own signature.
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}

class SqlClientDriver implements Driver {
  private readonly connection: DatabaseConnection;

  constructor(db: SqlClient) {
    this.connection = {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        const result = await db.execute<R>(query.sql, [...query.parameters]);
        return { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) };
      },
      // biome-ignore lint/correctness/useYield: streaming is never asked of this driver.
      async *streamQuery() {
        throw new Error("Streaming queries are not supported by this driver.");
      },
    };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }

  async beginTransaction(): Promise<void> {
    throw new Error("Transactions go through SqlClient.transaction, not Kysely.");
  }

  async commitTransaction(): Promise<void> {}

  async rollbackTransaction(): Promise<void> {}

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}
