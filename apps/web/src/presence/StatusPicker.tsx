import { PRESENCE_STATUSES, type TPresenceStatus } from "@caucus/shared";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { chooseStatus, useChosenStatus, useCurrentStatus } from "./status";
import { usePresenceActive } from "./usePresenceReport";

/**
 * "In the room" / "Remote" / "Away", in the header while this tab tells a
 * workspace who is online. Shows the chosen status; "away" after idle time
 * is this tab's own and ends with the next keypress or click.
 */
export function StatusPicker() {
  const { t } = useTranslation();
  const active = usePresenceActive();
  const chosen = useChosenStatus();
  const current = useCurrentStatus();
  if (!active) return null;
  return (
    <label className={`status-picker status-picker--${current}`}>
      <span className="visually-hidden">{t("presence.statusLabel")}</span>
      <span className="status-picker__mark" aria-hidden="true" />
      <select
        data-testid={TestId.presenceStatus}
        value={chosen}
        onChange={(event) => chooseStatus(event.currentTarget.value as TPresenceStatus)}
      >
        {PRESENCE_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`presence.status.${status}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
