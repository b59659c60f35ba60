import { type KeyboardEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { setDisplayName, useIdentity } from "../identity";
import { TestId } from "../testIds";

/**
 * The name co-drafters see on this person's caret. Saved on Enter or when
 * the field loses focus; Escape puts the saved name back.
 */
export function DisplayNameField() {
  const { t } = useTranslation();
  const identity = useIdentity();
  const [draft, setDraft] = useState(identity.name);

  // Follow changes made elsewhere (another tab, the first-visit notice).
  useEffect(() => setDraft(identity.name), [identity.name]);

  const commit = () => {
    if (draft.trim() === "") setDraft(identity.name);
    else if (draft !== identity.name || !identity.chosen) setDisplayName(draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      commit();
      event.currentTarget.blur();
    } else if (event.key === "Escape") {
      setDraft(identity.name);
      event.currentTarget.blur();
    }
  };

  return (
    <label className="display-name">
      <span className="swatch" style={{ backgroundColor: identity.color }} aria-hidden="true" />
      <span className="visually-hidden">{t("identity.label")}</span>
      <input
        data-testid={TestId.displayName}
        value={draft}
        maxLength={40}
        autoComplete="nickname"
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
    </label>
  );
}
