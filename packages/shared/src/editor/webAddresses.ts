/**
 * A web address as people write one in a statement: http(s):// and a host,
 * or www. and a domain, then a port and a path up to the next space. Not
 * after a letter or digit, so "xhttp://" is no address.
 */
const WEB_ADDRESS =
  /(?<![\p{L}\p{N}])(?:https?:\/\/[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*|www(?:\.[\p{L}\p{N}-]+){2,})(?::\d+)?(?:[/?#][^\s<>"]*)?/giu;

/** What ends a sentence or a quotation, not the address in it ("see https://ohchr.org."). */
const CLOSING_PUNCTUATION = /[\p{Pe}\p{Pf}.,;:!?'"]$/u;

const OPENING_OF: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** A web address found in text: where it starts, as written, and the link it makes. */
export type TWebAddress = { index: number; text: string; href: string };

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/**
 * `address` without the punctuation after it, keeping a closing bracket
 * that closes one of its own (https://en.wikipedia.org/wiki/Bahá'í_(faith)).
 */
function trimClosingPunctuation(address: string): string {
  let text = address;
  while (CLOSING_PUNCTUATION.test(text)) {
    const last = text.slice(-1);
    const opening = OPENING_OF[last];
    if (opening && count(text, opening) >= count(text, last)) break;
    text = text.slice(0, -1);
  }
  return text;
}

/**
 * The web addresses in `text`, for automatic links: a regular expression
 * does for statements what linkifyjs did at 8.5 KB of the editor's download
 * (which also linked bare domains and e-mail addresses, rare in statements
 * and easily linked by hand). An address that starts with www. is linked
 * over https, as the link field does.
 */
export function findWebAddresses(text: string): TWebAddress[] {
  return [...text.matchAll(WEB_ADDRESS)].map((match) => {
    const address = trimClosingPunctuation(match[0]);
    const href = /^www\./i.test(address) ? `https://${address}` : address;
    return { index: match.index, text: address, href };
  });
}
