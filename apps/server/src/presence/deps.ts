import type { SqlClient } from "../platform/db/SqlClient.js";
import type { OpenStreams } from "../streams/OpenStreams.js";
import type { WorkspaceRepository } from "../workspaces/WorkspaceRepository.js";
import type { PresenceService } from "./PresenceService.js";

/** What the presence routes need; compose.ts builds them once per process. */
export interface TPresenceDeps {
  db: SqlClient;
  presence: PresenceService;
  /** The event streams open here: capped per person and address, ended when access ends. */
  streams: OpenStreams;
  workspaces: WorkspaceRepository;
}
