import { z } from "zod";

export { ZCreateCall, ZUpdateCall } from "@caucus/shared/schemas";

export const ZCallParams = z.object({ workspaceId: z.uuid(), callId: z.uuid() });
