import { ZDocumentId, ZId } from "@caucus/shared/schemas";
import { z } from "zod";

export { ZCommentText, ZCommentThreadStatus, ZCreateCommentThread } from "@caucus/shared/schemas";

export const ZThreadParams = z.object({ id: ZDocumentId, threadId: ZId });
export const ZCommentParams = ZThreadParams.extend({ commentId: ZId });
