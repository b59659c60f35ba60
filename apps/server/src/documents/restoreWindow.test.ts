import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalBoardChanges } from "../calls/BoardChanges.js";
import { CallRepository } from "../calls/CallRepository.js";
import type { DraftEstimates } from "../calls/DraftEstimates.js";
import { NotFoundError } from "../errors.js";
import type { PgliteClient } from "../platform/db/PgliteClient.js";
import { insertTestWorkspace, openTestDatabase } from "../testing/database.js";
import type { AuditLog } from "../workspaces/AuditLog.js";
import { DocumentRepository } from "./DocumentRepository.js";
import type { TDocumentAccess } from "./policy.js";
import { purgeDeletedDocuments } from "./purgeDeletedDocuments.js";
import { restoreDocument } from "./restoreDocument.js";

let db: PgliteClient;
let documents: DocumentRepository;
let workspaceId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  documents = new DocumentRepository(db);
  workspaceId = await insertTestWorkspace(db);
});
afterAll(() => db.close());

const audit = { record: async () => {} } as unknown as AuditLog;
// No call links these documents: the board is told nothing and no estimate is asked for.
const estimates = { of: async () => null } as unknown as DraftEstimates;

/** What the restore service is given once the policy has allowed it. */
async function access(id: string): Promise<TDocumentAccess> {
  const document = await documents.find(id);
  if (!document) throw new Error("no such document");
  return { document: { ...document, workspaceId }, role: "editor", isMember: true };
}

/** A document deleted `days` days ago. */
async function deletedDaysAgo(days: number): Promise<string> {
  const id = randomUUID();
  await documents.create({ id, title: `Deleted ${days} days ago`, kind: "letter", workspaceId });
  await db.query(`UPDATE documents SET deleted_at = now() - make_interval(days => $2) WHERE id = $1`, [
    id,
    days,
  ]);
  return id;
}

describe("the 30-day restore window", () => {
  it("restores a document deleted 29 days ago, and not one deleted 31 days ago", async () => {
    const recent = await deletedDaysAgo(29);
    const old = await deletedDaysAgo(31);
    expect(
      (
        await restoreDocument(
          { documents, audit, calls: new CallRepository(db), board: new LocalBoardChanges(), estimates },
          "test-user",
          await access(recent),
        )
      ).deletedAt,
    ).toBeNull();
    await expect(
      restoreDocument(
        { documents, audit, calls: new CallRepository(db), board: new LocalBoardChanges(), estimates },
        "test-user",
        await access(old),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("purges only what was deleted more than 30 days ago", async () => {
    const kept = await deletedDaysAgo(29);
    const purged = await deletedDaysAgo(31);
    const live = randomUUID();
    await documents.create({ id: live, title: "Live", kind: "notes", workspaceId });
    expect(await purgeDeletedDocuments(documents)).toBeGreaterThanOrEqual(1);
    expect(await documents.find(purged)).toBeNull();
    expect((await documents.find(kept))?.deletedAt).not.toBeNull();
    expect((await documents.find(live))?.deletedAt).toBeNull();
  });
});
