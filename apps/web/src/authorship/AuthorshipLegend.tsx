import { ColourSwatch } from "../common/ColourSwatch";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import type { TLegendEntry } from "./Authorship";

/** Who wrote what, in words: each author's colour and name, so the colours mean something. */
export function AuthorshipLegend({ id, legend }: { id: string; legend: TLegendEntry[] }) {
  const { t } = useTranslation();
  return (
    <section
      id={id}
      className="authorship-legend"
      aria-label={t("authorship.legend")}
      data-testid={TestId.authorshipLegend}
    >
      <p className="authorship-legend__hint">{t("authorship.hint")}</p>
      {legend.length === 0 ? (
        <p className="hint">{t("authorship.empty")}</p>
      ) : (
        <ul className="authorship-legend__list">
          {legend.map((entry) => (
            <li
              key={entry.userId || "unknown"}
              data-testid={TestId.authorshipAuthor}
              data-user-name={entry.name}
            >
              <ColourSwatch color={entry.color} />
              {entry.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
