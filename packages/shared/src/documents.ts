import type { TRole } from "./roles.js";

/**
 * Documents in plain types and constants, with no zod: the web app imports
 * these on every page, and the validation schemas (in `schemas.ts`, imported
 * as "@caucus/shared/schemas") would add zod to its bundle.
 */

/** What a document is for, in the coalition's words. */
export const DOCUMENT_KINDS = ["intervention", "statement", "letter", "analysis", "notes"] as const;
export type TDocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A document as the API presents it. */
export interface TDocument {
  id: string;
  title: string;
  kind: TDocumentKind;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** The workspace (coalition) the document belongs to. */
  workspaceId: string;
  /** The caller's effective role on this document: a per-document grant, else their workspace role. */
  role: TRole;
}

/** The error body every API error returns. */
export interface TApiError {
  error: { code: string; message: string; details?: unknown };
}
