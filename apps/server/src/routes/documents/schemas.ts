import { ZDocumentId } from "@caucus/shared/schemas";
import { z } from "zod";

export { ZCreateDocument, ZRenameDocument } from "@caucus/shared/schemas";

export const ZDocumentParams = z.object({ id: ZDocumentId });

export const ZListQuery = z.object({
  deleted: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true"),
});
