import type { TPresenceStatus } from "@caucus/shared";
import { initials } from "./people";

/**
 * A person's initials on their caret colour (white on every palette colour
 * passes 4.5:1). Status shows as a ring shape too, but never alone: the
 * caller gives the words, as `label` here or as text beside it.
 */
export function PresenceAvatar({
  name,
  color,
  status,
  label,
}: {
  name: string;
  color: string;
  status: TPresenceStatus;
  /** Makes the avatar an image with this name; without it, it is decoration beside the name in text. */
  label?: string;
}) {
  return (
    <span
      className={`presence-avatar presence-avatar--${status}`}
      style={{ backgroundColor: color }}
      {...(label ? { role: "img", "aria-label": label, title: label } : { "aria-hidden": true })}
    >
      {initials(name)}
    </span>
  );
}
