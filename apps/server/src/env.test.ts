import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.js";

describe("parseEnv", () => {
  it("has safe defaults for the embedded mode", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 8787, HOST: "127.0.0.1", DATA_DIR: "data", STORE_DELAY_MS: 250 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats empty values as unset and coerces numbers", () => {
    const env = parseEnv({ PORT: "0", DATABASE_URL: "" });
    expect(env.PORT).toBe(0);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("lists every problem at once", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", PORT: "eighty" })).toThrow(
      /DATABASE_URL[\s\S]*PORT|PORT[\s\S]*DATABASE_URL/,
    );
  });
});
