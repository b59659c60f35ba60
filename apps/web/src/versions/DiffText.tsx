import type { TTextDiff } from "@caucus/shared";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";

/**
 * A word-level comparison, for someone who has never seen a diff: added
 * words underlined on a highlight, removed ones struck through (marks that
 * do not rely on colour), each announced to screen readers as "added:" or
 * "removed:", and a legend in plain words above.
 */
export function DiffText({ diff }: { diff: TTextDiff }) {
  const { t } = useTranslation();
  const identical = diff.insertedWords === 0 && diff.deletedWords === 0;
  return (
    <div className="diff">
      <div className="diff__legend" role="note" aria-label={t("versions.legendTitle")}>
        <p>
          <ins>{t("versions.legendInserted")}</ins>
        </p>
        <p>
          <del>{t("versions.legendDeleted")}</del>
        </p>
        <p>{t("versions.legendSame")}</p>
      </div>
      <p className="diff__summary" role="status">
        {identical
          ? t("versions.identical")
          : t("versions.summary", {
              inserted: t("versions.words", { count: diff.insertedWords }),
              deleted: t("versions.words", { count: diff.deletedWords }),
            })}
      </p>
      <div className="diff__text document-text">
        {diff.paragraphs.length === 0 && <p className="hint">{t("versions.bothEmpty")}</p>}
        {diff.paragraphs.map((paragraph, index) => (
          // Paragraphs have no identity beyond their place in this comparison.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rendered once per comparison.
          <p key={index} dir="auto" className={`diff__paragraph diff__paragraph--${paragraph.change}`}>
            {paragraph.change === "inserted" && (
              <span className="diff__badge">{t("versions.paragraphInserted")}</span>
            )}
            {paragraph.change === "deleted" && (
              <span className="diff__badge">{t("versions.paragraphDeleted")}</span>
            )}
            {paragraph.pieces.map((piece, i) =>
              piece.change === "inserted" ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: pieces are fixed for this render.
                <ins key={i} data-testid={TestId.diffInserted}>
                  <span className="visually-hidden">{t("versions.insertedMark")} </span>
                  {piece.text}
                </ins>
              ) : piece.change === "deleted" ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: pieces are fixed for this render.
                <del key={i} data-testid={TestId.diffDeleted}>
                  <span className="visually-hidden">{t("versions.deletedMark")} </span>
                  {piece.text}
                </del>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: pieces are fixed for this render.
                <span key={i}>{piece.text}</span>
              ),
            )}
          </p>
        ))}
      </div>
    </div>
  );
}
