import { randomUUID } from "node:crypto";
import { MAX_CALLS_PER_WORKSPACE, type TCall } from "@caucus/shared";
import type { ZCreateCall } from "@caucus/shared/schemas";
import type { z } from "zod";
import { createDocument } from "../documents/createDocument.js";
import { ConflictError } from "../errors.js";
import type { TCallsDeps } from "./deps.js";
import { checkCallLinks, presentCall } from "./presentCall.js";

export class TooManyCallsError extends ConflictError {
  constructor() {
    super(
      "too_many_calls",
      `This workspace already has ${MAX_CALLS_PER_WORKSPACE} calls, the most it keeps. Delete calls that were delivered, then add this one.`,
    );
  }
}

/**
 * Adds a call to a workspace's board. With `draft`, also creates its
 * intervention from the template (forum, agenda item, limit and language
 * of the call), through the same service as the documents page, and links
 * it: one step from "the floor opens in 20 minutes" to a draft to write in.
 */
export async function createCall(
  ctx: Pick<
    TCallsDeps,
    "calls" | "documents" | "updates" | "audit" | "workspaces" | "board" | "estimates" | "templates"
  >,
  actor: { userId: string; workspaceId: string },
  input: z.output<typeof ZCreateCall>,
): Promise<TCall> {
  const { workspaceId, userId } = actor;
  await checkCallLinks(ctx, workspaceId, input);
  // Checked before the draft is made, so a full board leaves no stray document.
  if ((await ctx.calls.count(workspaceId)) >= MAX_CALLS_PER_WORKSPACE) throw new TooManyCallsError();
  let draftId = input.draftId;
  if (input.draft) {
    const draft = await createDocument(ctx, actor, {
      title: input.draft.title ?? `${input.agendaItem} (${input.forum})`.slice(0, 200),
      kind: "intervention",
      intervention: {
        forum: input.forum,
        agendaItem: input.agendaItem,
        language: input.draft.language,
        limitSeconds: input.draft.limitSeconds,
      },
    });
    draftId = draft.id;
  }
  const fields = {
    forum: input.forum,
    agendaItem: input.agendaItem,
    deadline: input.deadline,
    venueTimeZone: input.venueTimeZone,
    status: input.status,
    speakerId: input.speakerId,
    draftId,
  };
  const record = await ctx.calls.createUnlessFull(
    { ...fields, id: randomUUID(), workspaceId, createdBy: userId },
    MAX_CALLS_PER_WORKSPACE,
  );
  if (!record) {
    // Another request filled the last place meanwhile: the draft made for this call goes to the trash.
    if (input.draft && draftId) await ctx.documents.softDelete(draftId);
    throw new TooManyCallsError();
  }
  await ctx.audit.record({
    workspaceId,
    action: "call_created",
    actorId: userId,
    target: { type: "call", id: record.id, label: `${record.forum}: ${record.agendaItem}` },
    detail: { deadline: record.deadline, draftCreated: Boolean(input.draft) },
  });
  const call = await presentCall(ctx, record);
  ctx.board.publish(workspaceId, { type: "created", call });
  return call;
}
