import { UI_LANGUAGES } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import { resetMail } from "./resetMail.js";

const LINK = "https://caucus.example/reset-password#token=abc";

describe("resetMail", () => {
  it.each(UI_LANGUAGES)(
    "in %s has a subject, the link on a line of its own, and how long it works",
    (language) => {
      const mail = resetMail({ language, link: LINK, minutes: 30 });
      expect(mail.subject).toContain("Caucus");
      expect(mail.text.split("\n")).toContain(LINK);
      expect(mail.text).toMatch(/\b30 \S/);
      for (const line of mail.text.split("\n")) expect(line).toBe(line.trim());
    },
  );

  it("writes each language in its own words, not English's", () => {
    const subjects = UI_LANGUAGES.map((language) => resetMail({ language, link: LINK, minutes: 30 }).subject);
    expect(new Set(subjects).size).toBe(UI_LANGUAGES.length);
  });

  it("counts the minutes in the noun form each count takes", () => {
    const within = (language: "ru" | "ar" | "en", minutes: number) =>
      resetMail({ language, link: LINK, minutes }).text.split("\n")[2];
    expect(within("ru", 30)).toContain("в течение 30 минут.");
    expect(within("ru", 21)).toContain("в течение 21 минуты.");
    expect(within("ar", 30)).toContain("خلال 30 دقيقة.");
    expect(within("ar", 2)).toContain("خلال 2 دقيقتين.");
    expect(within("ar", 5)).toContain("خلال 5 دقائق.");
    expect(within("en", 1)).toContain("within 1 minute.");
  });
});
