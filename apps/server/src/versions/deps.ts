import type { DocumentRepository } from "../documents/DocumentRepository.js";
import type { SqlClient } from "../platform/db/SqlClient.js";
import type { SyncServer } from "../sync/SyncServer.js";
import type { UpdateLog } from "../sync/UpdateLog.js";
import type { AuditLog } from "../workspaces/AuditLog.js";
import type { AutoVersions } from "./AutoVersions.js";
import type { VersionRepository } from "./VersionRepository.js";

/** What the version routes and verbs need; compose.ts builds them once per process. */
export interface TVersionDeps {
  audit: AuditLog;
  /** Takes a document's automatic version once edits have gone quiet. */
  autoVersions: AutoVersions;
  db: SqlClient;
  documents: DocumentRepository;
  sync: Pick<SyncServer, "closeDocument" | "loadedDocument">;
  /** Documents' Yjs updates; services write here only before a room is open (a new document's first state). */
  updates: UpdateLog;
  /** Documents' named and automatic versions. */
  versions: VersionRepository;
}
