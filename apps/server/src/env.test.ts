import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.js";

describe("parseEnv", () => {
  it("has safe defaults for the embedded mode", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 8787, HOST: "127.0.0.1", DATA_DIR: "data", STORE_DELAY_MS: 250 });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MAX_REQUEST_BYTES).toBe(64 * 1024);
    // The small server: PGlite's WebAssembly by the baseline compiler alone.
    expect(env.PGLITE_OPTIMIZE).toBe(false);
    expect(parseEnv({ PGLITE_OPTIMIZE: "true" }).PGLITE_OPTIMIZE).toBe(true);
  });

  it("takes an empty DATA_TEMPLATE as none, so a new data folder's database is created", () => {
    expect(parseEnv({ DATA_TEMPLATE: "/app/dist/pgdata-template" }).DATA_TEMPLATE).toBe(
      "/app/dist/pgdata-template",
    );
    expect(parseEnv({ DATA_TEMPLATE: "" }).DATA_TEMPLATE).toBeUndefined();
  });

  it("treats empty values as unset and coerces numbers", () => {
    const env = parseEnv({ PORT: "0", DATABASE_URL: "" });
    expect(env.PORT).toBe(0);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("takes SMTP_URL only with PUBLIC_URL (a mailed link is never built from a request's Host), and SIGN_UP open or invitation", () => {
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.example.org" })).toThrow(/SMTP_URL needs PUBLIC_URL/);
    expect(() => parseEnv({ SMTP_URL: "http://mail.example.org", PUBLIC_URL: "https://c.example" })).toThrow(
      /SMTP_URL must start with smtp/,
    );
    const env = parseEnv({ SMTP_URL: "smtps://u:p@mail.example.org", PUBLIC_URL: "https://c.example" });
    expect(env.SMTP_URL).toBe("smtps://u:p@mail.example.org");
    expect(parseEnv({}).SIGN_UP).toBe("open");
    expect(parseEnv({ SIGN_UP: "invitation" }).SIGN_UP).toBe("invitation");
    expect(() => parseEnv({ SIGN_UP: "closed" })).toThrow(/SIGN_UP/);
  });

  it("lists every problem at once", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", PORT: "eighty" })).toThrow(
      /DATABASE_URL[\s\S]*PORT|PORT[\s\S]*DATABASE_URL/,
    );
  });

  it("takes REDIS_URL as redis:// or rediss:// and never echoes a bad one", () => {
    expect(parseEnv({}).REDIS_URL).toBeUndefined();
    expect(parseEnv({ REDIS_URL: "rediss://:pw@redis.internal:6380" }).REDIS_URL).toBe(
      "rediss://:pw@redis.internal:6380",
    );
    expect(() => parseEnv({ REDIS_URL: "http://:hunter2@redis:6379" })).toThrow(/REDIS_URL/);
    expect(() => parseEnv({ REDIS_URL: "http://:hunter2@redis:6379" })).not.toThrow(/hunter2/);
  });

  it("defaults the presence expiry to 10 s and refuses one under a second", () => {
    expect(parseEnv({}).PRESENCE_TTL_MS).toBe(60_000);
    expect(parseEnv({ PRESENCE_TTL_MS: "3000" }).PRESENCE_TTL_MS).toBe(3_000);
    expect(() => parseEnv({ PRESENCE_TTL_MS: "10" })).toThrow(/PRESENCE_TTL_MS/);
  });
});
