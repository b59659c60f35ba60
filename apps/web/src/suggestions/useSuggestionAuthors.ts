import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { listMembers } from "../api/workspaces";
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
  const [members, setMembers] = useState<ReadonlyMap<string, string> | null>(null);
  useEffect(() => {
    setMembers(null);
    if (!workspaceId) return;
    let current = true;
    listMembers(workspaceId).then(
      (list) => current && setMembers(new Map(list.map((member) => [member.userId, member.name]))),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [workspaceId]);
  return useMemo(() => {
    const people = new Map(members);
    if (self.id && self.name) people.set(self.id, self.name);
    return suggestionAuthors(people, members ? t("suggestions.formerMember") : t("suggestions.someone"));
  }, [members, self.id, self.name, t]);
}
