import type { TCompareSide, TVersion } from "@caucus/shared";
import type { TFunction } from "../i18n";

/** What a person calls a version: its name, or "Automatic version" and when. */
export function versionLabel(version: TVersion, t: TFunction, formatDate: (iso: string) => string): string {
  return version.name ?? `${t("versions.autoName")} (${formatDate(version.createdAt)})`;
}

/** One side of a comparison, named inside a sentence: “a version”, or "the current text". */
export function sideLabel(side: TCompareSide, t: TFunction, formatDate: (iso: string) => string): string {
  return side.kind === "current"
    ? t("versions.currentTextInline")
    : t("versions.quoted", { name: versionLabel(side.version, t, formatDate) });
}
