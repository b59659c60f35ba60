import { describe, expect, it } from "vitest";
import {
  DEFAULT_TYPE,
  FONT_SIZE,
  LINE_HEIGHT,
  readTypeSettings,
  stepFontSize,
  stepLineHeight,
} from "./typeSettings";

describe("type settings", () => {
  it("read what was stored, and defaults for junk", () => {
    expect(readTypeSettings({ fontSize: 40, lineHeight: 1.8 })).toEqual({ fontSize: 40, lineHeight: 1.8 });
    expect(readTypeSettings(null)).toEqual(DEFAULT_TYPE);
    expect(readTypeSettings({ fontSize: "big", lineHeight: Number.NaN })).toEqual(DEFAULT_TYPE);
    expect(readTypeSettings({ fontSize: 5, lineHeight: 9 })).toEqual({
      fontSize: FONT_SIZE.min,
      lineHeight: LINE_HEIGHT.max,
    });
  });

  it("step within bounds, without floating-point dust", () => {
    expect(stepFontSize(DEFAULT_TYPE, 1).fontSize).toBe(DEFAULT_TYPE.fontSize + FONT_SIZE.step);
    expect(stepFontSize({ ...DEFAULT_TYPE, fontSize: FONT_SIZE.max }, 1).fontSize).toBe(FONT_SIZE.max);
    expect(stepFontSize({ ...DEFAULT_TYPE, fontSize: FONT_SIZE.min }, -1).fontSize).toBe(FONT_SIZE.min);
    let settings = DEFAULT_TYPE;
    for (let i = 0; i < 3; i++) settings = stepLineHeight(settings, 1);
    expect(settings.lineHeight).toBe(1.9);
  });
});
