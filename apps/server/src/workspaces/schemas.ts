import { ZId } from "@caucus/shared/schemas";
import { z } from "zod";
import { ZUserId } from "../documents/schemas.js";

export {
  ZChangeRole,
  ZCreateInvitation,
  ZCreateWorkspace,
  ZInvitationToken,
  ZRenameWorkspace,
} from "@caucus/shared/schemas";

export const ZWorkspaceParams = z.object({ workspaceId: ZId });
export const ZMemberParams = z.object({ workspaceId: ZId, userId: ZUserId });
export const ZInvitationParams = z.object({ workspaceId: ZId, invitationId: ZId });

export const ZAuditQuery = z.object({
  before: z
    .string()
    // Event ids are PostgreSQL bigints: past the largest (2^63 - 1), the query itself would fail.
    .refine(
      (id) => /^\d{1,19}$/.test(id) && BigInt(id) <= 9_223_372_036_854_775_807n,
      "before is an event id",
    )
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
