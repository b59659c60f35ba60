import { ZId } from "@caucus/shared/schemas";
import { z } from "zod";

export { ZCreateCall, ZUpdateCall } from "@caucus/shared/schemas";

export const ZCallParams = z.object({ workspaceId: ZId, callId: ZId });
