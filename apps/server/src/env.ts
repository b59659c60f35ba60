import { Limits } from "@caucus/shared";
import { z } from "zod";

const ZInt = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

/**
 * Every setting the server reads, parsed once at start. Each has a safe
 * default for the embedded single-machine mode; nothing else reads
 * `process.env`.
 */
export const ZEnv = z
  .object({
    PORT: ZInt(8787),
    HOST: z.string().default("127.0.0.1"),
    /** PGlite's folder when DATABASE_URL is unset. */
    DATA_DIR: z.string().default("data"),
    /**
     * An empty, migrated PGlite folder that a new DATA_DIR starts as a copy
     * of; main.ts defaults it to the one the build makes. Unset, empty or
     * missing, a new DATA_DIR's database is created from scratch.
     */
    DATA_TEMPLATE: z.string().optional(),
    /**
     * Let V8 also compile PGlite's hot WebAssembly with its optimizing
     * compiler: CPU-heavy SQL about 1.5x faster, about 30 MB more held idle
     * and 70 MB more at a start. Off, the baseline compiler (Liftoff) alone.
     */
    PGLITE_OPTIMIZE: z
      .enum(["true", "false"])
      .default("false")
      .transform((value) => value === "true"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
      .optional(),
    /**
     * Redis for presence and for fanning out between instances. Unset, one
     * process serves alone with in-process buses. May carry a password: never logged.
     */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "REDIS_URL must start with redis:// or rediss://")
      .optional(),
    /**
     * With several instances: how long an edit relayed from another instance
     * waits for that instance to confirm storing it before this one stores it
     * instead (the other may have died). Far above STORE_DELAY_MS.
     */
    ADOPT_AFTER_MS: ZInt(5_000, 1_000),
    /** A presence entry whose heartbeats stop is gone after this long. */
    PRESENCE_TTL_MS: ZInt(60_000, 1_000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Bearer token for GET /metrics (Prometheus); unset, /metrics does not exist. */
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    /** Largest API request body (a template's may be larger); past it 413. */
    MAX_REQUEST_BYTES: ZInt(Limits.maxRequestBytes, 1024),
    MAX_MESSAGE_BYTES: ZInt(Limits.maxMessageBytes, 1024),
    MAX_DOCUMENT_BYTES: ZInt(Limits.maxDocumentBytes, 1024),
    STORE_DELAY_MS: ZInt(Limits.storeDelayMs),
    /** Rows in a document's update log before they are compacted into one. */
    COMPACT_AFTER_UPDATES: ZInt(100, 2),
    /** Messages a socket may send before its document has loaded. */
    MAX_QUEUED_MESSAGES: ZInt(1000, 1),
    /** Bytes waiting to be sent to one socket before it is closed as too slow (1013). */
    MAX_BUFFERED_BYTES: ZInt(16 * 1024 * 1024, 1024),
    /** Frames per second one sync socket may send (bursts of 10 s' worth); over it closes with 1013. */
    SYNC_MESSAGES_PER_SECOND: ZInt(Limits.syncMessagesPerSecond, 1),
    /** Bytes per second one sync socket may send (bursts of 8 s' worth, at least MAX_MESSAGE_BYTES). */
    SYNC_BYTES_PER_SECOND: ZInt(Limits.syncBytesPerSecond, 1024),
    SYNC_ANSWER_BYTES_PER_SECOND: ZInt(Limits.syncAnswerBytesPerSecond, 1),
    /** Frames per second all sockets of one client address may send together. */
    ADDRESS_MESSAGES_PER_SECOND: ZInt(Limits.addressMessagesPerSecond, 1),
    /** Sync sockets one client address may hold open on this instance. */
    CONNECTIONS_PER_ADDRESS: ZInt(Limits.connectionsPerAddress, 1),
    /** Sync sockets one client address may try to open per minute. */
    CONNECTION_ATTEMPTS_PER_MINUTE: ZInt(Limits.connectionAttemptsPerMinute, 1),
    /** Documents this instance holds in memory at once. */
    MAX_LOADED_DOCUMENTS: ZInt(Limits.maxLoadedDocuments, 1),
    /** Caret changes per second one socket's are sent on; more are coalesced. */
    AWARENESS_UPDATES_PER_SECOND: ZInt(Limits.awarenessUpdatesPerSecond, 1),
    MAX_AWARENESS_BYTES: ZInt(Limits.maxAwarenessBytes, 256),
    MAX_AWARENESS_CLIENTS: ZInt(Limits.maxAwarenessClients, 1),
    /** The built web app to serve; empty or missing serves the API alone. */
    WEB_DIST: z.string().optional(),
    /**
     * The address people use, e.g. https://caucus.example.org. Sets the
     * origin that browsers must send and makes cookies Secure when https.
     * Unset, the request's own Host is taken as the origin.
     */
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: "PUBLIC_URL must be an http(s) URL" }).optional(),
    /** More origins allowed to call the API and open sockets, comma separated. */
    ALLOWED_ORIGINS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((origin) => origin.trim())
          .filter(Boolean),
      ),
    /**
     * Mail for password resets, e.g. smtps://user:password@mail.example.org
     * (nodemailer's URL form). Unset, an owner issues reset links instead.
     * Needs PUBLIC_URL: a link in a mail is never built from a request's Host.
     * May carry a password: never logged.
     */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
      .optional(),
    /** The sender of Caucus's mail; by default caucus@ the host of PUBLIC_URL. */
    MAIL_FROM: z.string().optional(),
    /** Signs session cookies and sync tokens; generated and kept in the database when unset. */
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
    TRUST_PROXY: z
      .enum(["true", "false"])
      .default("false")
      .transform((value) => value === "true"),
    SIGN_IN_FAILURES_PER_MINUTE: ZInt(Limits.signInFailuresPerMinute, 1),
    /**
     * Who may create an account: `open` (anyone who reaches the server) or
     * `invitation` (after the first account, only someone holding an open
     * invitation link).
     */
    SIGN_UP: z.enum(["open", "invitation"]).default("open"),
    /** New accounts from one address per hour. */
    SIGN_UPS_PER_HOUR: ZInt(50, 1),
    INVITATIONS_PER_HOUR: ZInt(Limits.invitationsPerHour, 1),
    /** Changes of name, email or password per person per hour. */
    ACCOUNT_CHANGES_PER_HOUR: ZInt(Limits.accountChangesPerHour, 1),
    /** Password reset mails asked for per address per hour (per mailbox: a third of it). */
    PASSWORD_RESET_REQUESTS_PER_HOUR: ZInt(10, 1),
    /** Invitation link previews and accepts from one address per minute. */
    INVITATION_LOOKUPS_PER_MINUTE: ZInt(30, 1),
    /** Presence reports per person per minute (a tab sends 15): room for eight tabs. */
    PRESENCE_REPORTS_PER_MINUTE: ZInt(120, 1),
    /**
     * Event streams (comments, calls board, presence) one person may hold open
     * on this instance, all tabs together; a tab holds two or three.
     */
    STREAMS_PER_PERSON: ZInt(32, 1),
    /** Event streams one client address may hold open on this instance (a hall behind one NAT). */
    STREAMS_PER_ADDRESS: ZInt(500, 1),
    /**
     * How often every open sync socket and event stream has its session and
     * rights checked again: the backstop for changes that never arrived.
     */
    ACCESS_RECHECK_SECONDS: ZInt(60, 1),
    SYNC_TOKEN_SECONDS: ZInt(Limits.syncTokenSeconds, 1),
    /** Grace period for a SIGTERM shutdown before the process exits anyway. */
    SHUTDOWN_TIMEOUT_MS: ZInt(10_000),
    /** How long a document goes without edits before an automatic version of it is taken. */
    AUTO_VERSION_QUIET_MS: ZInt(10 * 60 * 1000, 100),
  })
  .refine((env) => !env.SMTP_URL || env.PUBLIC_URL, {
    path: ["SMTP_URL"],
    message: "SMTP_URL needs PUBLIC_URL too: the links in mails are built from it",
  });
export type TEnv = z.infer<typeof ZEnv>;

/** Parses the environment or throws with every problem listed. */
export function parseEnv(source: Record<string, string | undefined>): TEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = ZEnv.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}
