import type { TCall, TCreateCall, TUpdateCall } from "@caucus/shared";
import { api, apiPath, read, segment } from "./client";

const calls = api.workspaces[":workspaceId"].calls;

/** A workspace's calls for interventions, soonest deadline first, each with its draft's speaking time. */
export async function listCalls(workspaceId: string): Promise<TCall[]> {
  return (await read(calls.$get({ param: { workspaceId: segment(workspaceId) } }))).calls;
}

/** Adds a call; with `draft`, its intervention is created from the template in the same request. */
export async function createCall(workspaceId: string, input: TCreateCall): Promise<TCall> {
  return (await read(calls.$post({ param: { workspaceId: segment(workspaceId) }, json: input }))).call;
}

export async function updateCall(workspaceId: string, callId: string, input: TUpdateCall): Promise<TCall> {
  const param = { workspaceId: segment(workspaceId), callId: segment(callId) };
  return (await read(calls[":callId"].$patch({ param, json: input }))).call;
}

export async function deleteCall(workspaceId: string, callId: string): Promise<void> {
  await calls[":callId"].$delete({ param: { workspaceId: segment(workspaceId), callId: segment(callId) } });
}

/** The Server-Sent Events stream of the board: `snapshot` (the calls), then `change` events. */
export function boardStreamPath(workspaceId: string): string {
  return apiPath(calls.stream.$path({ param: { workspaceId: segment(workspaceId) } }));
}
