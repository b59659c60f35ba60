import type {
  TCreateVersion,
  TVersion,
  TVersionComparison,
  TVersionContent,
  TVersionRestore,
} from "@caucus/shared";
import { api, apiPath, editorJson, read, segment } from "./client";

const document = api.documents[":id"];
const version = document.versions[":versionId"];

/** In place of a version's id: the document's text now. */
export const CURRENT_TEXT = "current";

/** A document's versions, newest first. */
export async function listVersions(documentId: string): Promise<TVersion[]> {
  return (await read(document.versions.$get({ param: { id: segment(documentId) } }))).versions;
}

/** Freezes the text as it is now under a name (editors). */
export async function createVersion(documentId: string, input: TCreateVersion): Promise<TVersion> {
  return (await read(document.versions.$post({ param: { id: segment(documentId) }, json: input }))).version;
}

/** One version's text, to show it read-only. */
export async function getVersion(documentId: string, versionId: string): Promise<TVersionContent> {
  const answer = await read(
    version.$get({ param: { id: segment(documentId), versionId: segment(versionId) } }),
  );
  return { ...answer, content: editorJson(answer.content) };
}

/** The word-level differences from `from` to `to`: version ids, or CURRENT_TEXT. */
export async function compareVersions(
  documentId: string,
  from: string,
  to: string,
): Promise<TVersionComparison> {
  return read(document.compare.$get({ param: { id: segment(documentId) }, query: { from, to } }));
}

/** Where the comparison downloads as a standalone HTML file. */
export function compareExportUrl(documentId: string, from: string, to: string): string {
  return apiPath(document.compare.export.$path({ param: { id: segment(documentId) }, query: { from, to } }));
}

/** Saves the text now as a version, and answers the version's text for the editor to apply. */
export async function restoreVersion(documentId: string, versionId: string): Promise<TVersionRestore> {
  const param = { id: segment(documentId), versionId: segment(versionId) };
  const answer = await read(version.restore.$post({ param }));
  return { ...answer, content: editorJson(answer.content) };
}
