import { Hono } from "hono";
import { createDocument } from "../../services/createDocument.js";
import { deleteDocument } from "../../services/deleteDocument.js";
import { getDocument } from "../../services/getDocument.js";
import { listDocuments } from "../../services/listDocuments.js";
import { renameDocument } from "../../services/renameDocument.js";
import { restoreDocument } from "../../services/restoreDocument.js";
import type { DocumentRepository } from "../../storage/DocumentRepository.js";
import type { SyncServer } from "../../sync/SyncServer.js";
import { validate } from "../validate.js";
import { ZCreateDocument, ZDocumentParams, ZListQuery, ZRenameDocument } from "./schemas.js";

export interface DocumentRoutesDeps {
  documents: DocumentRepository;
  sync: Pick<SyncServer, "closeDocument">;
}

/**
 * `/api/documents`: thin handlers, validate → (authorize, with accounts) →
 * service → present. Chained so `hc<AppType>` types the web client.
 */
export function documentRoutes({ documents, sync }: DocumentRoutesDeps) {
  return new Hono()
    .get("/", validate("query", ZListQuery), async (c) => {
      const { deleted } = c.req.valid("query");
      return c.json({ documents: await listDocuments(documents, { deleted }) }, 200);
    })
    .post("/", validate("json", ZCreateDocument), async (c) => {
      const document = await createDocument(documents, c.req.valid("json"));
      return c.json({ document }, 201);
    })
    .get("/:id", validate("param", ZDocumentParams), async (c) => {
      return c.json({ document: await getDocument(documents, c.req.valid("param").id) }, 200);
    })
    .patch("/:id", validate("param", ZDocumentParams), validate("json", ZRenameDocument), async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ document: await renameDocument(documents, id, c.req.valid("json").title) }, 200);
    })
    .delete("/:id", validate("param", ZDocumentParams), async (c) => {
      return c.json({ document: await deleteDocument(documents, sync, c.req.valid("param").id) }, 200);
    })
    .post("/:id/restore", validate("param", ZDocumentParams), async (c) => {
      return c.json({ document: await restoreDocument(documents, c.req.valid("param").id) }, 200);
    });
}
