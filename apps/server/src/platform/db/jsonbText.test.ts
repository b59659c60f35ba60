import { describe, expect, it } from "vitest";
import { openTestDatabase } from "../../testing/database.js";
import { jsonbText } from "./jsonbText.js";

describe("jsonbText", () => {
  it("turns lone surrogates into U+FFFD, keeps pairs and typed backslashes, and PostgreSQL takes it", async () => {
    const value = { lone: "a\ud800b", low: "\udc00", pair: "😀", typed: "\\ud800", both: "\\\ud800" };
    const text = jsonbText(value);
    expect(JSON.parse(text)).toEqual({
      lone: "a\ufffdb",
      low: "\ufffd",
      pair: "😀",
      typed: "\\ud800",
      both: "\\\ufffd",
    });
    const db = await openTestDatabase();
    try {
      await expect(db.query("SELECT $1::jsonb AS v", [JSON.stringify(value)])).rejects.toThrow();
      const rows = await db.query<{ v: unknown }>("SELECT $1::jsonb AS v", [text]);
      expect(rows[0]?.v).toEqual(JSON.parse(text));
    } finally {
      await db.close();
    }
  });
});
