/**
 * The one interface both databases implement: embedded PGlite and a real
 * PostgreSQL server. Everything above it writes plain Postgres SQL with
 * `$1` parameters, so the two are interchangeable and share contract tests.
 */
export interface SqlExecutor {
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

/** A statement's rows and how many rows it changed. */
export interface SqlResult<Row> {
  rows: Row[];
  affectedRows: number;
}

export interface SqlClient extends SqlExecutor {
  /** Like `query`, also telling how many rows an UPDATE or DELETE changed. */
  execute<Row>(sql: string, params?: unknown[]): Promise<SqlResult<Row>>;
  /** Which backend this is, for health reports and logs. */
  readonly driver: "pglite" | "postgres";
  /** Runs `work` in one transaction; rolls back if it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Cheap round trip to tell whether the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
