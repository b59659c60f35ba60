/**
 * Where an idle socket's heap goes, in our server (or `HEAP_SERVER`'s): a heap snapshot before
 * and after `HEAP_SOCKETS` idle sockets (default 1,000 over 100 documents),
 * and the difference per constructor, largest first. A tool for the
 * idle-heap figure of `npm run bench` (docs/PERFORMANCE.md), run by hand:
 * `npx tsx bench/heapBreakdown.ts` in tests/, after a build.
 */
import WebSocket from "ws";
import { type ServerKind, startBenchServer } from "./servers.js";
import { closeAll, createRooms, openIdleSockets } from "./sockets.js";

const SOCKETS = Number(process.env.HEAP_SOCKETS ?? 1_000);
/** `ours` (default), `reference` (y-websocket) or `hocuspocus`: to compare where each puts it. */
const KIND = (process.env.HEAP_SERVER ?? "ours") as ServerKind;
const DOCUMENTS = 100;

interface TSnapshot {
  snapshot: {
    meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** For plain objects and arrays, counts by the names of their properties (what they are), to tell them apart. */
function plainShapes(snapshot: TSnapshot): Map<string, number> {
  const { node_fields: fields, node_types, edge_fields, edge_types } = snapshot.snapshot.meta;
  const width = fields.length;
  const edgeWidth = edge_fields.length;
  const types = node_types[0];
  const edgeTypes = edge_types[0];
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const countAt = fields.indexOf("edge_count");
  const shapes = new Map<string, number>();
  let edge = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const edges = snapshot.nodes[i + countAt] as number;
    const type = types[snapshot.nodes[i + typeAt] as number];
    const name = snapshot.strings[snapshot.nodes[i + nameAt] as number];
    if (type === "object" && (name === "Object" || name === "Array")) {
      const names: string[] = [];
      for (let e = edge; e < edge + edges * edgeWidth; e += edgeWidth) {
        if (edgeTypes[snapshot.edges[e] as number] === "property")
          names.push(snapshot.strings[snapshot.edges[e + 1] as number] ?? "?");
      }
      const key = `${name}{${names
        .filter((n) => n !== "__proto__")
        .sort()
        .join(",")
        .slice(0, 120)}}`;
      shapes.set(key, (shapes.get(key) ?? 0) + 1);
    }
    edge += edges * edgeWidth;
  }
  return shapes;
}

/** Self size and count per "type:name" of every node of a snapshot. */
function byConstructor(snapshot: TSnapshot): Map<string, { size: number; count: number }> {
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const types = snapshot.snapshot.meta.node_types[0];
  const totals = new Map<string, { size: number; count: number }>();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt] as number] ?? "?";
    const raw =
      type === "string" || type === "concatenated string" || type === "sliced string"
        ? ""
        : (snapshot.strings[snapshot.nodes[i + nameAt] as number] ?? "?");
    const key = `${type}:${raw.slice(0, 60)}`;
    const entry = totals.get(key) ?? { size: 0, count: 0 };
    entry.size += snapshot.nodes[i + sizeAt] as number;
    entry.count++;
    totals.set(key, entry);
  }
  return totals;
}

function takeSnapshot(inspectorUrl: string): Promise<TSnapshot> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(inspectorUrl, { maxPayload: 1 << 30 });
    const chunks: string[] = [];
    let id = 0;
    const call = (method: string) => ws.send(JSON.stringify({ id: ++id, method }));
    ws.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        method?: string;
        params?: { chunk: string };
      };
      if (message.method === "HeapProfiler.addHeapSnapshotChunk") chunks.push(message.params?.chunk ?? "");
      else if (message.id === 3) {
        ws.close();
        resolve(JSON.parse(chunks.join("")) as TSnapshot);
      }
    });
    ws.once("error", reject);
    ws.once("open", () => {
      call("HeapProfiler.enable");
      call("HeapProfiler.collectGarbage");
      call("HeapProfiler.takeHeapSnapshot");
    });
  });
}

const server = await startBenchServer(KIND, { inspect: true });
try {
  const inspector = server.inspectorUrl;
  if (!inspector) throw new Error("no inspector");
  const rooms = await createRooms(server, DOCUMENTS, "heap");
  await new Promise((r) => setTimeout(r, 2_000));
  const first = await takeSnapshot(inspector);
  const before = byConstructor(first);
  const shapesBefore = plainShapes(first);
  const { sockets, admitted } = await openIdleSockets(server, rooms, SOCKETS, 100);
  await new Promise((r) => setTimeout(r, 5_000));
  const second = await takeSnapshot(inspector);
  const after = byConstructor(second);
  const shapesAfter = plainShapes(second);
  const rows = [...after]
    .map(([key, { size, count }]) => {
      const was = before.get(key) ?? { size: 0, count: 0 };
      return { key, size: size - was.size, count: count - was.count };
    })
    .filter((row) => Math.abs(row.size) > SOCKETS * 8)
    .sort((a, b) => b.size - a.size);
  const total = rows.reduce((sum, row) => sum + row.size, 0);
  console.log(`${admitted} sockets admitted; per socket, by constructor (bytes, objects):`);
  for (const row of rows.slice(0, 40)) {
    console.log(
      `${(row.size / SOCKETS).toFixed(0).padStart(6)} B ${(row.count / SOCKETS).toFixed(2).padStart(6)}  ${row.key}`,
    );
  }
  console.log(`${(total / SOCKETS).toFixed(0)} B per socket in the rows above`);
  console.log("plain objects and arrays added, per socket, by their properties:");
  const shapes = [...shapesAfter]
    .map(([key, count]) => ({ key, count: count - (shapesBefore.get(key) ?? 0) }))
    .filter((row) => row.count > SOCKETS * 0.05)
    .sort((a, b) => b.count - a.count);
  for (const row of shapes.slice(0, 25))
    console.log(`${(row.count / SOCKETS).toFixed(2).padStart(6)}  ${row.key}`);
  await closeAll(sockets);
} finally {
  await server.stop();
}
