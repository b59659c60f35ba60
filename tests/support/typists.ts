import { expect } from "vitest";
import { type TestClient, waitFor } from "./clients.js";

/**
 * A client typing on a timer, as a person would: each keystroke appends a
 * token unique in the whole test (`<name:n>`), so the final text can be
 * checked for every single edit.
 */
export interface Typist {
  readonly name: string;
  readonly client: TestClient;
  /** Every token typed so far, in order. */
  readonly tokens: string[];
  /** Types one token now. */
  type(): void;
  /** Stops the timer; tokens already typed stay. */
  stop(): void;
}

/**
 * Starts `client` typing a token every `everyMs` (and one at once);
 * `onToken` hears each token as it is typed (to time its delivery).
 */
export function startTyping(
  name: string,
  client: TestClient,
  everyMs = 50,
  onToken?: (token: string) => void,
): Typist {
  if (/[<>:]/.test(name)) throw new Error(`a typist's name cannot hold < > or : (${name})`);
  const tokens: string[] = [];
  const type = () => {
    const token = `<${name}:${tokens.length}>`;
    tokens.push(token);
    onToken?.(token);
    // Always at the end: tokens stay whole, and each typist's own order must survive.
    client.ytext.insert(client.ytext.length, token);
  };
  type();
  const timer = setInterval(type, everyMs);
  return { name, client, tokens, type, stop: () => clearInterval(timer) };
}

/** Stops every typist. */
export function stopAll(typists: Typist[]): void {
  for (const typist of typists) typist.stop();
}

/** Length of the text that holds every typist's tokens once. */
export function expectedLength(typists: Typist[]): number {
  return typists.reduce((sum, typist) => sum + typist.tokens.join("").length, 0);
}

/** Tokens of `typists` absent from `text`. */
export function missingTokens(text: string, typists: Typist[]): string[] {
  return typists.flatMap((typist) => typist.tokens.filter((token) => !text.includes(token)));
}

/**
 * Asserts `text` holds every token typed, each exactly once, each typist's
 * in the order typed, and nothing else.
 */
export function expectEveryToken(text: string, typists: Typist[], where: string): void {
  expect(missingTokens(text, typists), `tokens missing from ${where}`).toEqual([]);
  expect(text.length, `length of ${where}: every token once, nothing else`).toBe(expectedLength(typists));
  for (const typist of typists) {
    const positions = typist.tokens.map((token) => text.indexOf(token));
    expect(
      positions.every((position, i) => i === 0 || position > (positions[i - 1] as number)),
      `${typist.name}'s tokens in the order typed in ${where}`,
    ).toBe(true);
  }
}

/** Waits until every client shows the same text holding every typist's tokens. */
export async function waitForConvergence(
  clients: TestClient[],
  typists: Typist[],
  timeout = 15_000,
): Promise<string> {
  const length = expectedLength(typists);
  await waitFor(
    () => {
      const first = clients[0]?.text();
      return first?.length === length && clients.every((client) => client.text() === first);
    },
    {
      timeout,
      interval: 50,
      message: () =>
        `${clients.length} clients to converge on ${length} characters; lengths ${clients.map((c) => c.text().length)}, ` +
        `missing per client ${clients.map((c) => missingTokens(c.text(), typists).length)}, ` +
        `first missing ${JSON.stringify(clients.map((c) => missingTokens(c.text(), typists).slice(0, 3)))}`,
    },
  );
  return (clients[0] as TestClient).text();
}
