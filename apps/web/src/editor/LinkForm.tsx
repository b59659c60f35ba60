import type { Editor } from "@tiptap/core";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "../i18n";
import { normalizeLinkHref } from "./linkHref";

/**
 * An inline field under the toolbar for the selected text's link (no
 * browser prompt). Enter applies, Escape returns to the text untouched.
 */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const current = (editor.getAttributes("link").href as string | undefined) ?? "";
  const [draft, setDraft] = useState(current);
  const [invalid, setInvalid] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const apply = () => {
    if (draft.trim() === "") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      return onClose();
    }
    const href = normalizeLinkHref(draft);
    if (!href) return setInvalid(true);
    editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  };

  return (
    <form
      className="link-form"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <label htmlFor={`${id}-href`}>{t("editor.linkLabel")}</label>
      <input
        id={`${id}-href`}
        ref={input}
        type="text"
        inputMode="url"
        dir="ltr"
        value={draft}
        placeholder="https://"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          setInvalid(false);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="button">
        {t("editor.linkApply")}
      </button>
      {current && (
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            editor.chain().focus().extendMarkRange("link").unsetLink().run();
            onClose();
          }}
        >
          {t("editor.linkRemove")}
        </button>
      )}
      <button type="button" className="button secondary" onClick={close}>
        {t("actions.cancel")}
      </button>
      {invalid && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t("editor.linkInvalid")}
        </p>
      )}
    </form>
  );
}
