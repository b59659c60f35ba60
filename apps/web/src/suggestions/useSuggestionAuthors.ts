import { useCallback, useMemo } from "react";
import { listMembers } from "../api/workspaces";
import { useRequest } from "../common/useRequest";
import { useTranslation } from "../i18n";
import { suggestionAuthors, type TAuthorOf } from "./suggestionAuthors";

/**
 * Who wrote each suggestion, for a reader in `workspaceId` (null for a
 * guest of one document, who has no member list): the workspace's members
 * and the reader themself, by id. Until the list arrives, or without one,
 * an unknown id reads "someone"; once it is there, "a former member".
 */
export function useSuggestionAuthors(
  workspaceId: string | null,
  self: { id: string; name: string },
): TAuthorOf {
  const { t } = useTranslation();
  const { value: members } = useRequest(
    useCallback(() => (workspaceId ? listMembers(workspaceId) : null), [workspaceId]),
  );
  return useMemo(() => {
    const people = new Map(members?.map((member) => [member.userId, member.name]));
    if (self.id && self.name) people.set(self.id, self.name);
    return suggestionAuthors(people, members ? t("suggestions.formerMember") : t("suggestions.someone"));
  }, [members, self.id, self.name, t]);
}
