import { ZDocumentId, ZId } from "@caucus/shared/schemas";
import { z } from "zod";

export { ZChangeRole, ZCreateDocument, ZCreateVersion, ZRenameDocument } from "@caucus/shared/schemas";

export const ZDocumentParams = z.object({ id: ZDocumentId });
/** A person's id in a path; never U+0000, which PostgreSQL text cannot hold. */
export const ZUserId = z
  .string()
  .min(1)
  .max(100)
  .refine((id) => !id.includes("\u0000"), "Not a person's id.");
export const ZGrantParams = z.object({ id: ZDocumentId, userId: ZUserId });

export const ZListQuery = z.object({
  deleted: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true"),
});

export const ZVersionParams = z.object({ id: ZDocumentId, versionId: ZId });

/** One side of a comparison: a version's id, or `current` for the text now. */
const ZCompareRef = z.union([ZId, z.literal("current")], {
  error: "Name a version by its id, or `current` for the text now.",
});
export const ZCompareQuery = z.object({ from: ZCompareRef, to: ZCompareRef });
