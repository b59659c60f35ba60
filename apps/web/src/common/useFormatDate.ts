import { useMemo } from "react";
import { useTranslation } from "../i18n";

/** Formats an ISO time in the viewer's own time zone and the UI language, e.g. "3 Mar 2026, 14:05". */
export function useFormatDate(): (iso: string) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
    return (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
  }, [i18n.language]);
}
