import type { TVersion } from "@caucus/shared";
import { type FormEvent, useId, useState } from "react";
import { CURRENT_TEXT } from "../api/versions";
import { useFormatDate } from "../common/useFormatDate";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { versionLabel } from "./versionLabel";

/**
 * Every version, newest first, named ones marked apart from automatic ones
 * (in words, not by colour), each one click from being opened or compared
 * with the current text; below, a form to compare any two.
 */
export function VersionList({
  versions,
  emptyText,
  onOpen,
  onCompare,
}: {
  versions: TVersion[];
  emptyText: string;
  onOpen: (id: string) => void;
  onCompare: (from: string, to: string) => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (versions.length === 0) return <p className="hint">{emptyText}</p>;
  return (
    <>
      <ul className="versions__list">
        {versions.map((version) => {
          const label = versionLabel(version, t, formatDate);
          return (
            <li
              key={version.id}
              className={`version-row version-row--${version.kind}`}
              data-testid={TestId.versionRow}
              data-version-kind={version.kind}
            >
              <div className="version-row__main">
                <span className="version-row__kind">
                  {version.kind === "named" ? t("versions.kindNamed") : t("versions.kindAuto")}
                </span>
                <span className="version-row__name" dir="auto">
                  {version.name ?? t("versions.autoName")}
                </span>
                <span className="version-row__meta">
                  {version.createdBy
                    ? t("versions.savedBy", {
                        when: formatDate(version.createdAt),
                        name: version.createdBy.name,
                      })
                    : formatDate(version.createdAt)}
                  {" · "}
                  {t("versions.words", { count: version.words })}
                </span>
                {version.note && (
                  <span className="version-row__note" dir="auto">
                    {version.note}
                  </span>
                )}
              </div>
              <div className="version-row__actions">
                <button
                  type="button"
                  className="button secondary"
                  aria-label={t("versions.viewNamed", { name: label })}
                  data-testid={TestId.versionOpen}
                  onClick={() => onOpen(version.id)}
                >
                  {t("versions.view")}
                </button>
                <button
                  type="button"
                  className="button secondary"
                  aria-label={t("versions.compareNamed", { name: label })}
                  data-testid={TestId.versionCompareCurrent}
                  onClick={() => onCompare(version.id, CURRENT_TEXT)}
                >
                  {t("versions.compareWithCurrent")}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <CompareForm versions={versions} onCompare={onCompare} />
    </>
  );
}

/** Any two texts: an earlier and a later one, the current text included. */
function CompareForm({
  versions,
  onCompare,
}: {
  versions: TVersion[];
  onCompare: (from: string, to: string) => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const id = useId();
  const [from, setFrom] = useState(versions[versions.length > 1 ? 1 : 0]?.id ?? CURRENT_TEXT);
  const [to, setTo] = useState(versions.length > 1 ? (versions[0]?.id ?? CURRENT_TEXT) : CURRENT_TEXT);
  const options = [
    <option key={CURRENT_TEXT} value={CURRENT_TEXT}>
      {t("versions.currentText")}
    </option>,
    ...versions.map((version) => (
      <option key={version.id} value={version.id}>
        {versionLabel(version, t, formatDate)}
        {version.name ? ` (${formatDate(version.createdAt)})` : ""}
      </option>
    )),
  ];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onCompare(from, to);
  };
  return (
    <form className="versions__compare" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="versions__subheading">
        {t("versions.compareHeading")}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t("versions.compareFrom")}</label>
        <select
          id={`${id}-from`}
          value={from}
          data-testid={TestId.compareFrom}
          onChange={(e) => setFrom(e.target.value)}
        >
          {options}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t("versions.compareTo")}</label>
        <select
          id={`${id}-to`}
          value={to}
          data-testid={TestId.compareTo}
          onChange={(e) => setTo(e.target.value)}
        >
          {options}
        </select>
      </div>
      <button type="submit" className="button secondary" data-testid={TestId.compareSubmit}>
        {t("versions.compare")}
      </button>
    </form>
  );
}
