import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { Registry } from "prom-client";

/**
 * `GET /metrics` in Prometheus text format, for a scraper that sends
 * `Authorization: Bearer <METRICS_TOKEN>`. Figures about who is online and
 * how much they write are operational data an adversary could use, so the
 * endpoint exists only when a token is configured.
 */
export function metricsRoutes(registry: Registry, token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return new Hono().get("/", async (c) => {
    const given = Buffer.from(c.req.header("authorization") ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      c.header("WWW-Authenticate", 'Bearer realm="metrics"');
      return c.text("Send the metrics token as a Bearer token.", 401);
    }
    c.header("Content-Type", registry.contentType);
    c.header("Cache-Control", "no-store");
    return c.body(await registry.metrics(), 200);
  });
}
