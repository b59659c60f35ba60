import type {
  TCreateVersion,
  TVersion,
  TVersionComparison,
  TVersionContent,
  TVersionRestore,
} from "@caucus/shared";
import { jsonInit, request, segment } from "./client";

const base = (documentId: string) => `/api/documents/${segment(documentId)}`;

/** In place of a version's id: the document's text now. */
export const CURRENT_TEXT = "current";

/** A document's versions, newest first. */
export async function listVersions(documentId: string): Promise<TVersion[]> {
  return (await request<{ versions: TVersion[] }>(`${base(documentId)}/versions`)).versions;
}

/** Freezes the text as it is now under a name (editors). */
export async function createVersion(documentId: string, input: TCreateVersion): Promise<TVersion> {
  const path = `${base(documentId)}/versions`;
  return (await request<{ version: TVersion }>(path, jsonInit("POST", input))).version;
}

/** One version's text, to show it read-only. */
export async function getVersion(documentId: string, versionId: string): Promise<TVersionContent> {
  return request<TVersionContent>(`${base(documentId)}/versions/${segment(versionId)}`);
}

/** The word-level differences from `from` to `to`: version ids, or CURRENT_TEXT. */
export async function compareVersions(
  documentId: string,
  from: string,
  to: string,
): Promise<TVersionComparison> {
  return request<TVersionComparison>(compareQuery(`${base(documentId)}/compare`, from, to));
}

/** Where the comparison downloads as a standalone HTML file. */
export function compareExportUrl(documentId: string, from: string, to: string): string {
  return compareQuery(`${base(documentId)}/compare/export`, from, to);
}

/** Saves the text now as a version, and answers the version's text for the editor to apply. */
export async function restoreVersion(documentId: string, versionId: string): Promise<TVersionRestore> {
  const path = `${base(documentId)}/versions/${segment(versionId)}/restore`;
  return request<TVersionRestore>(path, jsonInit("POST", {}));
}

function compareQuery(path: string, from: string, to: string): string {
  return `${path}?${new URLSearchParams({ from, to })}`;
}
