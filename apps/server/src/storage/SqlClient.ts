/**
 * The one interface both databases implement: embedded PGlite and a real
 * PostgreSQL server. Everything above it writes plain Postgres SQL with
 * `$1` parameters, so the two are interchangeable and share contract tests.
 */
export interface SqlExecutor {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface SqlClient extends SqlExecutor {
  /** Which backend this is, for health reports and logs. */
  readonly driver: "pglite" | "postgres";
  /** Runs `work` in one transaction; rolls back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Cheap round trip to tell whether the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
