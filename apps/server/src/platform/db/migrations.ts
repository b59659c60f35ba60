import type { SqlClient } from "./SqlClient.js";

/**
 * Schema migrations, applied in order, each once. Append only: never edit a
 * migration that has shipped; add a new one.
 */
const MIGRATIONS: { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: "documents and their update log",
    sql: `
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        kind text NOT NULL
          CHECK (kind IN ('intervention', 'statement', 'letter', 'analysis', 'notes')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      );
      CREATE INDEX documents_live_by_update ON documents (updated_at DESC) WHERE deleted_at IS NULL;

      -- Each row is a Yjs update; a snapshot row holds the whole state as of
      -- its seq and replaces every earlier row of its document (compaction).
      CREATE TABLE document_updates (
        seq bigserial PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        data bytea NOT NULL,
        is_snapshot boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX document_updates_by_document ON document_updates (document_id, seq);
    `,
  },
  {
    id: 2,
    name: "accounts (better-auth), workspaces, members, grants, invitations, audit",
    sql: `
      -- better-auth's tables, as its own migration generator writes them
      -- (better-auth/db/migration, v1.7); its columns are camelCase.
      CREATE TABLE "users" ("id" text NOT NULL PRIMARY KEY, "name" text NOT NULL, "email" text NOT NULL UNIQUE, "emailVerified" boolean NOT NULL, "image" text, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "twoFactorEnabled" boolean);
      CREATE TABLE "sessions" ("id" text NOT NULL PRIMARY KEY, "expiresAt" timestamptz NOT NULL, "token" text NOT NULL UNIQUE, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "updatedAt" timestamptz NOT NULL, "ipAddress" text, "userAgent" text, "userId" text NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE);
      CREATE TABLE "accounts" ("id" text NOT NULL PRIMARY KEY, "accountId" text NOT NULL, "providerId" text NOT NULL, "userId" text NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "updatedAt" timestamptz NOT NULL);
      CREATE TABLE "verifications" ("id" text NOT NULL PRIMARY KEY, "identifier" text NOT NULL, "value" text NOT NULL, "expiresAt" timestamptz NOT NULL, "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL, "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL);
      CREATE TABLE "two_factors" ("id" text NOT NULL PRIMARY KEY, "secret" text NOT NULL, "backupCodes" text NOT NULL, "userId" text NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE, "verified" boolean, "failedVerificationCount" integer, "lockedUntil" timestamptz);
      CREATE INDEX "sessions_userId_idx" ON "sessions" ("userId");
      CREATE INDEX "accounts_userId_idx" ON "accounts" ("userId");
      CREATE INDEX "verifications_identifier_idx" ON "verifications" ("identifier");
      CREATE INDEX "two_factors_secret_idx" ON "two_factors" ("secret");
      CREATE INDEX "two_factors_userId_idx" ON "two_factors" ("userId");

      -- Server-wide settings, such as the signing secret when AUTH_SECRET
      -- is not given, so every instance on one database shares it.
      CREATE TABLE settings (
        key text PRIMARY KEY,
        value text NOT NULL
      );

      CREATE TABLE workspaces (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE members (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, user_id)
      );
      CREATE INDEX members_by_user ON members (user_id);

      -- Documents made before accounts existed stay without a workspace
      -- until the first account's workspace adopts them.
      ALTER TABLE documents ADD COLUMN workspace_id uuid REFERENCES workspaces (id) ON DELETE CASCADE;
      CREATE INDEX documents_by_workspace ON documents (workspace_id, updated_at DESC);

      -- One person's role on one document: overrides a member's workspace
      -- role there, or lets a guest (not a member) into that document only.
      CREATE TABLE document_grants (
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (document_id, user_id)
      );
      CREATE INDEX document_grants_by_user ON document_grants (user_id);

      -- Only a hash of the link's token is kept: a copy of the database
      -- does not give working invitation links.
      CREATE TABLE invitations (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer')),
        document_id uuid REFERENCES documents (id) ON DELETE CASCADE,
        created_by text REFERENCES "users" ("id") ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_by text REFERENCES "users" ("id") ON DELETE SET NULL,
        accepted_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX invitations_by_workspace ON invitations (workspace_id, created_at DESC);

      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        actor_id text REFERENCES "users" ("id") ON DELETE SET NULL,
        target_type text,
        target_id text,
        target_label text,
        detail jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_events_by_workspace ON audit_events (workspace_id, id DESC);
    `,
  },
  {
    id: 3,
    name: "calls for interventions (the calls board)",
    sql: `
      -- A call for interventions: the chair opening the floor on an agenda
      -- item, by a deadline (an instant; the venue's zone is kept to show it
      -- as the venue's clock reads it), with a speaker and a draft.
      CREATE TABLE calls (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        forum text NOT NULL,
        agenda_item text NOT NULL,
        deadline timestamptz NOT NULL,
        venue_time_zone text NOT NULL,
        status text NOT NULL DEFAULT 'drafting' CHECK (status IN ('drafting', 'ready', 'delivered')),
        speaker_id text REFERENCES "users" ("id") ON DELETE SET NULL,
        draft_id uuid REFERENCES documents (id) ON DELETE SET NULL,
        created_by text REFERENCES "users" ("id") ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX calls_by_workspace ON calls (workspace_id, deadline);
      CREATE INDEX calls_by_draft ON calls (draft_id) WHERE draft_id IS NOT NULL;
    `,
  },
  {
    id: 4,
    name: "workspace templates per document kind",
    sql: `
      -- A workspace's own template for a kind, as editor (ProseMirror) JSON;
      -- no row means the built-in template. Size and schema are checked
      -- before it is written (MAX_TEMPLATE_BYTES, the shared editor schema).
      CREATE TABLE workspace_templates (
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('intervention', 'statement', 'letter')),
        content jsonb NOT NULL,
        updated_by text REFERENCES "users" ("id") ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, kind)
      );
    `,
  },
  {
    id: 5,
    name: "document versions (named and automatic)",
    sql: `
      -- A frozen copy of a document's text. state is Y.encodeStateAsUpdate of
      -- the document at that moment; paragraphs (its plain text), words and
      -- content_hash (of its editor JSON) are cached from it, so listing and
      -- comparing never decode Yjs, and an automatic version is skipped when
      -- nothing changed. clock_timestamp() orders two versions of one
      -- transaction too.
      CREATE TABLE document_versions (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('named', 'auto')),
        name text CHECK ((kind = 'named') = (name IS NOT NULL)),
        note text NOT NULL DEFAULT '',
        created_by text REFERENCES "users" ("id") ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        state bytea NOT NULL,
        paragraphs jsonb NOT NULL,
        words integer NOT NULL,
        content_hash text NOT NULL
      );
      CREATE INDEX document_versions_by_document ON document_versions (document_id, created_at DESC);
    `,
  },
  {
    id: 6,
    name: "comment threads and their comments",
    sql: `
      -- A thread of comments on a range of a document's text. The range is
      -- two Yjs relative positions (Y.encodeRelativePosition), resolved by
      -- each client against its own copy of the text; the quote is the
      -- text as selected, shown once that text is deleted. Not in the Y.Doc:
      -- commenters' sockets are read-only.
      CREATE TABLE comment_threads (
        id uuid PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        anchor_start bytea NOT NULL,
        anchor_end bytea NOT NULL,
        quote text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        created_by text REFERENCES "users" ("id") ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_by text REFERENCES "users" ("id") ON DELETE SET NULL,
        resolved_at timestamptz
      );
      CREATE INDEX comment_threads_by_document ON comment_threads (document_id, created_at);
      -- The comments of a thread, the first one opening it; mentions are
      -- written <@userId> in the body.
      CREATE TABLE comments (
        id uuid PRIMARY KEY,
        thread_id uuid NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
        body text NOT NULL,
        author_id text REFERENCES "users" ("id") ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz
      );
      CREATE INDEX comments_by_thread ON comments (thread_id, created_at);
    `,
  },
  {
    id: 7,
    name: "whose each Yjs client id is, per document",
    sql: `
      -- Every Yjs struct carries the client id that wrote it, and a peer
      -- drops structs whose (client, clock) it already holds. So a client
      -- id belongs to the first person who writes under it or announces it
      -- as their caret, for good: nobody else may write under it, or they
      -- could take the clocks of someone's edits before those arrive.
      -- No foreign key to users: a deleted account's ids stay taken.
      CREATE TABLE document_clients (
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        client_id bigint NOT NULL,
        user_id text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (document_id, client_id)
      );
    `,
  },
];

/** Brings the schema up to date; safe to call at every start. */
export async function migrate(db: SqlClient): Promise<number[]> {
  await db.query(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const applied = new Set(
    (await db.query<{ id: number }>("SELECT id FROM schema_migrations")).map((row) => row.id),
  );
  const ran: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.id)) continue;
    await db.transaction(async (tx) => {
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (id, name) VALUES ($1, $2)", [
        migration.id,
        migration.name,
      ]);
    });
    ran.push(migration.id);
  }
  return ran;
}

/** Splits on semicolons at line ends; migrations keep to that shape. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, "").trim())
    .filter((statement) => statement.length > 0);
}
