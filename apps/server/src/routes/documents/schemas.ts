import { ZDocumentId } from "@caucus/shared/schemas";
import { z } from "zod";

export { ZChangeRole, ZCreateDocument, ZRenameDocument } from "@caucus/shared/schemas";

export const ZDocumentParams = z.object({ id: ZDocumentId });
export const ZUserId = z.string().min(1).max(100);
export const ZGrantParams = z.object({ id: ZDocumentId, userId: ZUserId });

export const ZListQuery = z.object({
  deleted: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true"),
});
