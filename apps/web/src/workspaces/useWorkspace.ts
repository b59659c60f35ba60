import type { TWorkspace } from "@caucus/shared";
import { useEffect } from "react";
import { useSignedInMe } from "../account/meStore";
import { rememberWorkspace } from "./lastWorkspace";

/**
 * The workspace in the address, as the signed-in person's list has it (with
 * their role), remembered as the last one used. Null if they are not a member.
 */
export function useWorkspace(workspaceId: string): TWorkspace | null {
  const me = useSignedInMe();
  const workspace = me?.workspaces.find((w) => w.id === workspaceId) ?? null;
  useEffect(() => {
    if (workspace) rememberWorkspace(workspace.id);
  }, [workspace]);
  return workspace;
}
