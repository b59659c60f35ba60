/**
 * The last title this device saw for each document, so a page opened
 * offline still says which statement it is.
 */
const key = (documentId: string) => `caucus:title:${documentId}`;

export function loadCachedTitle(documentId: string): string | null {
  try {
    return localStorage.getItem(key(documentId));
  } catch {
    return null;
  }
}

export function saveCachedTitle(documentId: string, title: string): void {
  try {
    localStorage.setItem(key(documentId), title);
  } catch {
    // Only the offline title is lost; the server still has it.
  }
}
