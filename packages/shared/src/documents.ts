import { z } from "zod";
import { Limits } from "./limits.js";

/** What a document is for, in the coalition's words. */
export const DOCUMENT_KINDS = ["intervention", "statement", "letter", "analysis", "notes"] as const;
export const ZDocumentKind = z.enum(DOCUMENT_KINDS);
export type TDocumentKind = z.infer<typeof ZDocumentKind>;

/** Document ids are UUIDs; the socket and the API refuse anything else. */
export const ZDocumentId = z.uuid();

const ZTitle = z
  .string()
  .trim()
  .min(1, "Give the document a title.")
  .max(Limits.maxTitleLength, `Keep the title under ${Limits.maxTitleLength} characters.`);

export const ZCreateDocument = z.object({
  title: ZTitle,
  kind: ZDocumentKind.default("notes"),
});
export type TCreateDocument = z.infer<typeof ZCreateDocument>;

export const ZRenameDocument = z.object({ title: ZTitle });
export type TRenameDocument = z.infer<typeof ZRenameDocument>;

/** A document as the API presents it. */
export const ZDocument = z.object({
  id: ZDocumentId,
  title: z.string(),
  kind: ZDocumentKind,
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type TDocument = z.infer<typeof ZDocument>;

/** The error body every API error returns. */
export const ZApiError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type TApiError = z.infer<typeof ZApiError>;
