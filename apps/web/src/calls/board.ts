import type { TBoardChange, TCall } from "@caucus/shared";

/** Soonest deadline first, as the server lists them. */
function byDeadline(a: TCall, b: TCall): number {
  return a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.createdAt < b.createdAt ? -1 : 1;
}

/**
 * The board after one change from the stream. Changes may arrive twice or
 * after what this tab already applied from its own request: each is applied
 * so that doing it again changes nothing. Returns `calls` itself when
 * nothing changed, so React skips the render.
 */
export function applyBoardChange(calls: readonly TCall[], change: TBoardChange): readonly TCall[] {
  switch (change.type) {
    case "created":
    case "updated":
      return upsertCall(calls, change.call);
    case "deleted":
      return calls.some((call) => call.id === change.callId)
        ? calls.filter((call) => call.id !== change.callId)
        : calls;
    case "estimate": {
      if (!calls.some((call) => call.draft?.id === change.documentId)) return calls;
      return calls.map((call) =>
        call.draft?.id === change.documentId ? { ...call, estimate: change.estimate } : call,
      );
    }
  }
}

/** Adds or replaces one call, keeping the board sorted; an older copy never replaces a newer one. */
export function upsertCall(calls: readonly TCall[], call: TCall): readonly TCall[] {
  const current = calls.find((c) => c.id === call.id);
  if (current && current.updatedAt > call.updatedAt) return calls;
  return [...calls.filter((c) => c.id !== call.id), call].sort(byDeadline);
}

/** A change event, or null when it is not one this version knows. */
export function parseBoardChange(data: string): TBoardChange | null {
  try {
    const parsed = JSON.parse(data) as { type?: unknown };
    return ["created", "updated", "deleted", "estimate"].includes(parsed.type as string)
      ? (parsed as TBoardChange)
      : null;
  } catch {
    return null;
  }
}
