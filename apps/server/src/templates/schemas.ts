import { ZId, ZTemplateKind } from "@caucus/shared/schemas";
import { z } from "zod";

export { ZSaveTemplate } from "@caucus/shared/schemas";

export const ZTemplateParams = z.object({ workspaceId: ZId, kind: ZTemplateKind });
