/**
 * The delivery view's type size and line spacing, remembered per device:
 * a phone at the lectern and a laptop on the delegation's desk need
 * different sizes for the same speaker.
 */
export interface TTypeSettings {
  /** Font size in CSS pixels. */
  fontSize: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
}

export const FONT_SIZE = { min: 16, max: 72, step: 2, initial: 28 } as const;
export const LINE_HEIGHT = { min: 1.2, max: 2.4, step: 0.1, initial: 1.6 } as const;
export const DEFAULT_TYPE: TTypeSettings = { fontSize: FONT_SIZE.initial, lineHeight: LINE_HEIGHT.initial };

const STORAGE_KEY = "caucus:delivery:type";

function clamp(
  value: unknown,
  range: { min: number; max: number },
  fallback: number,
  decimals: number,
): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return fallback;
  const factor = 10 ** decimals;
  return Math.round(Math.min(range.max, Math.max(range.min, value)) * factor) / factor;
}

/** Checked values from anything (a stored JSON object, or junk): defaults for what is missing or wrong. */
export function readTypeSettings(raw: unknown): TTypeSettings {
  const value = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    fontSize: clamp(value.fontSize, FONT_SIZE, FONT_SIZE.initial, 0),
    lineHeight: clamp(value.lineHeight, LINE_HEIGHT, LINE_HEIGHT.initial, 1),
  };
}

/** One step bigger (+1) or smaller (-1), within bounds. */
export function stepFontSize(settings: TTypeSettings, direction: 1 | -1): TTypeSettings {
  return readTypeSettings({ ...settings, fontSize: settings.fontSize + direction * FONT_SIZE.step });
}

export function stepLineHeight(settings: TTypeSettings, direction: 1 | -1): TTypeSettings {
  return readTypeSettings({ ...settings, lineHeight: settings.lineHeight + direction * LINE_HEIGHT.step });
}

export function loadTypeSettings(): TTypeSettings {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return readTypeSettings(raw ? JSON.parse(raw) : null);
  } catch {
    // Storage disabled or a damaged entry: start from the defaults.
    return DEFAULT_TYPE;
  }
}

export function saveTypeSettings(settings: TTypeSettings): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // The size still applies until the page closes.
  }
}
