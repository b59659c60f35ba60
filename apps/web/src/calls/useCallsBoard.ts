import type { TBoardChange, TCall } from "@caucus/shared";
import { useCallback } from "react";
import { boardStreamPath } from "../api/calls";
import {
  parseListSnapshot,
  type TLiveListStatus,
  type TLiveListStream,
  useLiveList,
} from "../api/useLiveList";
import { applyBoardChange, parseBoardChange, upsertCall } from "./board";

const BOARD_STREAM: TLiveListStream<TCall, TBoardChange> = {
  parseSnapshot: parseListSnapshot,
  parseChange: parseBoardChange,
  applyChange: applyBoardChange,
};

/**
 * A workspace's calls board, live: a Server-Sent Events stream that starts
 * with the whole board and then carries each call created, changed or
 * deleted and each linked draft's new speaking time. The browser reconnects
 * by itself after a drop, and each reconnect starts with a fresh snapshot.
 * `apply` puts this tab's own writes on the board before their echo comes.
 */
export function useCallsBoard(workspaceId: string): {
  status: TLiveListStatus;
  calls: readonly TCall[];
  apply: (call: TCall) => void;
  remove: (callId: string) => void;
  retry: () => void;
} {
  const { status, list: calls, update, retry } = useLiveList(boardStreamPath(workspaceId), BOARD_STREAM);

  const apply = useCallback((call: TCall) => update((list) => upsertCall(list, call)), [update]);
  const remove = useCallback(
    (callId: string) => update((list) => applyBoardChange(list, { type: "deleted", callId })),
    [update],
  );
  return { status, calls, apply, remove, retry };
}
