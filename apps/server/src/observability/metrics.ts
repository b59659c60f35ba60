import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { SyncServer } from "../sync/SyncServer.js";

/**
 * The Prometheus registry of one process: Node's own metrics (heap, event
 * loop lag, GC) and the sync server's, read from its counters at scrape
 * time. Names follow Prometheus conventions (`_total`, `_seconds`, `_bytes`).
 */
export function createMetrics(sync: SyncServer): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "caucus_" });
  const { stats } = sync;

  new Gauge({
    name: "caucus_sync_connections",
    help: "Open sync sockets.",
    registers: [registry],
    collect() {
      this.set(sync.openConnections);
    },
  });
  new Gauge({
    name: "caucus_documents_loaded",
    help: "Documents held in memory (rooms).",
    registers: [registry],
    collect() {
      this.set(sync.loadedDocuments);
    },
  });
  const counter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  counter("caucus_sync_messages_received_total", "Frames received on sync sockets.", () => stats.framesIn);
  counter("caucus_sync_received_bytes_total", "Bytes received on sync sockets.", () => stats.bytesIn);
  counter("caucus_sync_messages_sent_total", "Frames sent on sync sockets.", () => stats.framesOut);
  counter("caucus_sync_sent_bytes_total", "Bytes sent on sync sockets.", () => stats.bytesOut);
  counter(
    "caucus_fanout_messages_published_total",
    "Messages (edits, carets, catch-up, store confirmations) published to the other instances.",
    () => stats.fanoutPublished,
  );
  counter(
    "caucus_fanout_messages_received_total",
    "Messages heard from the other instances.",
    () => stats.fanoutReceived,
  );
  counter(
    "caucus_fanout_adopted_total",
    "Batches of relayed edits stored here because their instance never confirmed storing them (it died, or its database writes fail).",
    () => stats.fanoutAdopted,
  );
  new Counter({
    name: "caucus_sync_closed_by_server_total",
    help: "Sync sockets the server closed, by close code.",
    labelNames: ["code"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [code, count] of stats.closedByServer) this.inc({ code }, count);
    },
  });
  new Histogram({
    name: "caucus_store_duration_seconds",
    help: "Time of one batched write of every dirty document to the database.",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
    collect() {
      for (const seconds of stats.takeStoreDurations()) this.observe(seconds);
    },
  });
  new Histogram({
    name: "caucus_fanout_publish_seconds",
    help: "Round trip of one publish to the other instances through Redis (Redis answers once it has handed the message to every subscriber).",
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers: [registry],
    collect() {
      for (const seconds of stats.takeFanoutDurations()) this.observe(seconds);
    },
  });
  return registry;
}
