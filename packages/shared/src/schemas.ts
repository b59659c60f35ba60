import { z } from "zod";
import { DOCUMENT_KINDS, type TCreateDocument, type TDocument } from "./documents.js";
import { Limits } from "./limits.js";

/** Validation schemas, for the server (and any client that wants zod). */

export const ZDocumentKind = z.enum(DOCUMENT_KINDS);

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
}) satisfies z.ZodType<TCreateDocument, unknown>;

export const ZRenameDocument = z.object({ title: ZTitle });
export type TRenameDocument = z.infer<typeof ZRenameDocument>;

export const ZDocument = z.object({
  id: ZDocumentId,
  title: z.string(),
  kind: ZDocumentKind,
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
}) satisfies z.ZodType<TDocument>;
