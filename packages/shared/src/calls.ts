/**
 * The calls board in plain types (no zod, for the web bundle); the
 * validation schemas are `ZCreateCall` and `ZUpdateCall` in `schemas.ts`.
 * A call for interventions is the chair opening the floor: where, on what,
 * until when, who speaks, and the draft they will read.
 */

/** Where a call stands: the draft is being written, it is ready to read, it was read. */
export const CALL_STATUSES = ["drafting", "ready", "delivered"] as const;
export type TCallStatus = (typeof CALL_STATUSES)[number];

/** Calls one workspace keeps (delivered ones included): the board and its list stay bounded. */
export const MAX_CALLS_PER_WORKSPACE = 500;

/** Longest forum or agenda item of a call, as for a document's delivery settings. */
export const MAX_CALL_TEXT = 300;

/** A linked draft's speaking time against its limit, as the editor's meter computes it. */
export interface TCallEstimate {
  mode: "time" | "words";
  words: number;
  /** Reading time at the draft's pace, in seconds. */
  seconds: number;
  /** Set in time mode. */
  limitSeconds: number | null;
  /** Set in word-limit mode. */
  limitWords: number | null;
  over: boolean;
}

/** A call as the API presents it. */
export interface TCall {
  id: string;
  workspaceId: string;
  forum: string;
  agendaItem: string;
  /** The instant the floor opens or the text is due, ISO 8601 UTC. */
  deadline: string;
  /** IANA zone of the venue, e.g. "Europe/Zurich" for Geneva. */
  venueTimeZone: string;
  status: TCallStatus;
  /** A member of the workspace, or nobody yet. */
  speaker: { id: string; name: string } | null;
  /** A live document of the workspace; null when none is linked or it went to the trash. */
  draft: { id: string; title: string } | null;
  /** The draft's current estimate; null without a draft. */
  estimate: TCallEstimate | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * What the board stream (`GET /api/workspaces/:id/calls/stream`) announces
 * after its `snapshot`. Hints delivered at least once: a listener applies
 * them idempotently, and a "deleted" for an unknown call is ignored.
 */
export type TBoardChange =
  | { type: "created" | "updated"; call: TCall }
  | { type: "deleted"; callId: string }
  | { type: "estimate"; documentId: string; estimate: TCallEstimate };
