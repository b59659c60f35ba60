import type { TCall, TCreateCall, TUpdateCall } from "@caucus/shared";
import { jsonInit, request, segment } from "./client";

const base = (workspaceId: string) => `/api/workspaces/${segment(workspaceId)}/calls`;

/** A workspace's calls for interventions, soonest deadline first, each with its draft's speaking time. */
export async function listCalls(workspaceId: string): Promise<TCall[]> {
  return (await request<{ calls: TCall[] }>(base(workspaceId))).calls;
}

/** Adds a call; with `draft`, its intervention is created from the template in the same request. */
export async function createCall(workspaceId: string, input: TCreateCall): Promise<TCall> {
  return (await request<{ call: TCall }>(base(workspaceId), jsonInit("POST", input))).call;
}

export async function updateCall(workspaceId: string, callId: string, input: TUpdateCall): Promise<TCall> {
  const path = `${base(workspaceId)}/${segment(callId)}`;
  return (await request<{ call: TCall }>(path, jsonInit("PATCH", input))).call;
}

export async function deleteCall(workspaceId: string, callId: string): Promise<void> {
  await request<{ ok: true }>(`${base(workspaceId)}/${segment(callId)}`, jsonInit("DELETE"));
}

/** The Server-Sent Events stream of the board: `snapshot` (the calls), then `change` events. */
export function boardStreamPath(workspaceId: string): string {
  return `${base(workspaceId)}/stream`;
}
