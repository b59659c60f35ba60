import { ZDocumentId } from "@caucus/shared/schemas";
import { z } from "zod";

export { ZCommentText, ZCommentThreadStatus, ZCreateCommentThread } from "@caucus/shared/schemas";

export const ZThreadParams = z.object({ id: ZDocumentId, threadId: z.uuid() });
export const ZCommentParams = ZThreadParams.extend({ commentId: z.uuid() });
