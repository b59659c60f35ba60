import { DOCUMENT_FIELD, type TDocument } from "@caucus/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  api,
  connectClient,
  createDocument,
  documentsPath,
  readText,
  waitFor,
  waitForStored,
  waitForSynced,
} from "./clients.js";
import type { TestServer } from "./server.js";

type Listed = { documents: TDocument[] };
type One = { document: TDocument };
type ApiError = { error: { code: string; message: string } };

/**
 * The document API and sync basics, written once and run against every
 * storage driver. `startServer` must start a server on a fresh, empty store
 * and arrange its teardown.
 */
export function describeStorageContract(
  driver: "pglite" | "postgres",
  startServer: () => Promise<TestServer>,
): void {
  describe(`document API and sync on ${driver}`, () => {
    it("reports healthy storage of the right driver", async () => {
      const server = await startServer();
      const { status, body } = await api<{
        status: string;
        storage: { driver: string; ok: boolean };
        version: string;
      }>(server, "GET", "/api/health");
      expect(status).toBe(200);
      expect(body.status).toBe("ok");
      // Further fields (reachable, keepingUp, …) may come; these two are the contract.
      expect(body.storage).toMatchObject({ driver, ok: true });
      expect(typeof body.version).toBe("string");
    });

    it("creates, lists, renames, deletes and restores a document", async () => {
      const server = await startServer();
      const created = await api<One>(server, "POST", await documentsPath(server), {
        title: "  Oral statement, item 4 ",
        kind: "intervention",
      });
      expect(created.status).toBe(201);
      const document = created.body.document;
      expect(document.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(document.title).toBe("Oral statement, item 4");
      expect(document.kind).toBe("intervention");
      expect(document.deletedAt).toBeNull();
      expect(Number.isNaN(Date.parse(document.createdAt))).toBe(false);

      const other = await createDocument(server, "Background notes", "notes");
      const listed = await api<Listed>(server, "GET", await documentsPath(server));
      expect(listed.status).toBe(200);
      expect(listed.body.documents.map((d) => d.id).sort()).toEqual([document.id, other.id].sort());

      const renamed = await api<One>(server, "PATCH", `/api/documents/${document.id}`, {
        title: "Oral statement, item 5",
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.document.title).toBe("Oral statement, item 5");
      expect(Date.parse(renamed.body.document.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(document.updatedAt),
      );
      const fetched = await api<One>(server, "GET", `/api/documents/${document.id}`);
      expect(fetched.body.document.title).toBe("Oral statement, item 5");

      const deleted = await api<One>(server, "DELETE", `/api/documents/${document.id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body.document.deletedAt).not.toBeNull();
      const live = await api<Listed>(server, "GET", await documentsPath(server));
      expect(live.body.documents.map((d) => d.id)).toEqual([other.id]);
      const trash = await api<Listed>(server, "GET", `${await documentsPath(server)}?deleted=true`);
      expect(trash.body.documents.map((d) => d.id)).toEqual([document.id]);

      const restored = await api<One>(server, "POST", `/api/documents/${document.id}/restore`);
      expect(restored.status).toBe(200);
      expect(restored.body.document.deletedAt).toBeNull();
      const after = await api<Listed>(server, "GET", await documentsPath(server));
      expect(after.body.documents.map((d) => d.id).sort()).toEqual([document.id, other.id].sort());
    });

    it("answers bad input with 400 and unknown ids with 404, in the error shape", async () => {
      const server = await startServer();
      const badKind = await api<ApiError>(server, "POST", await documentsPath(server), {
        title: "x",
        kind: "memo",
      });
      expect(badKind.status).toBe(400);
      expect(typeof badKind.body.error.code).toBe("string");
      expect(badKind.body.error.message.length).toBeGreaterThan(0);
      const emptyTitle = await api<ApiError>(server, "POST", await documentsPath(server), {
        title: "   ",
        kind: "notes",
      });
      expect(emptyTitle.status).toBe(400);
      const notUuid = await api<ApiError>(server, "PATCH", "/api/documents/not-a-uuid", { title: "x" });
      expect(notUuid.status).toBe(400);
      const missing = await api<ApiError>(
        server,
        "PATCH",
        "/api/documents/00000000-0000-4000-8000-000000000000",
        {
          title: "x",
        },
      );
      expect(missing.status).toBe(404);
      expect(typeof missing.body.error.code).toBe("string");
      const missingDelete = await api<ApiError>(
        server,
        "DELETE",
        "/api/documents/00000000-0000-4000-8000-000000000000",
      );
      expect(missingDelete.status).toBe(404);
    });

    it("syncs two clients and keeps documents and content across a restart", async () => {
      const server = await startServer();
      const { id } = await createDocument(server, "Article-by-article analysis", "analysis");
      const alice = connectClient(server, id);
      const bob = connectClient(server, id);
      await Promise.all([waitForSynced(alice.provider), waitForSynced(bob.provider)]);
      alice.ytext.insert(0, "Art. 1 — support. ");
      bob.ytext.insert(0, "Art. 2 — oppose. ");
      await waitFor(() => alice.text() === bob.text() && alice.text().length === 35, {
        message: () => `convergence; alice=${JSON.stringify(alice.text())} bob=${JSON.stringify(bob.text())}`,
      });
      const content = alice.text();
      // Enough separate edits to cross the default compaction threshold.
      for (let i = 0; i < 120; i++) alice.ytext.insert(alice.ytext.length, `${i % 10}`);
      const expected = content + Array.from({ length: 120 }, (_, i) => `${i % 10}`).join("");
      await waitFor(() => bob.text() === expected, { message: "bob to receive the 120 edits" });
      alice.destroy();
      bob.destroy();

      expect((await server.stop()).code).toBe(0);
      await server.restart();
      expect(await readText(server, id)).toBe(expected);
      const listed = await api<Listed>(server, "GET", await documentsPath(server));
      expect(listed.body.documents.map((d) => d.title)).toEqual(["Article-by-article analysis"]);
    });

    it("saves named versions of the live text, lists them, compares and restores them", async () => {
      const server = await startServer();
      const { id } = await createDocument(server, "Joint statement", "statement");
      const writer = connectClient(server, id, { stored: true });
      await waitForSynced(writer.provider);
      const fragment = writer.ydoc.getXmlFragment(DOCUMENT_FIELD);
      const setText = (text: string) =>
        writer.ydoc.transact(() => {
          fragment.delete(0, fragment.length);
          const paragraph = new Y.XmlElement("paragraph");
          fragment.insert(0, [paragraph]);
          paragraph.insert(0, [new Y.XmlText(text)]);
        });
      setText("States must protect journalists.");
      const saved = async (name: string) => {
        const created = await api<{ version: { id: string; name: string } }>(
          server,
          "POST",
          `/api/documents/${id}/versions`,
          { name },
        );
        expect(created.status).toBe(201);
        return created.body.version;
      };
      await waitForStored(writer);
      const v1 = await saved("v1 sent to delegations");
      setText("States shall protect journalists and defenders.");
      await waitForStored(writer);
      const v2 = await saved("v2");
      writer.destroy();

      expect((await server.stop()).code).toBe(0);
      await server.restart();
      const listed = await api<{ versions: { id: string; name: string }[] }>(
        server,
        "GET",
        `/api/documents/${id}/versions`,
      );
      expect(listed.body.versions.map((version) => version.name)).toEqual(["v2", "v1 sent to delegations"]);
      const compared = await api<{ diff: { insertedWords: number; deletedWords: number } }>(
        server,
        "GET",
        `/api/documents/${id}/compare?from=${v2.id}&to=${v1.id}`,
      );
      expect(compared.body.diff).toMatchObject({ insertedWords: 1, deletedWords: 3 });
      const restored = await api<{ saved: unknown; content: unknown }>(
        server,
        "POST",
        `/api/documents/${id}/versions/${v1.id}/restore`,
      );
      expect(restored.status).toBe(200);
      expect(JSON.stringify(restored.body.content)).toContain("States must protect journalists.");
    });
  });
}
