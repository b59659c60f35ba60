/**
 * The shared secret inside an `otpauth://totp/…?secret=…` URI, in groups of
 * four for typing into an authenticator app by hand; null if there is none.
 */
export function totpSecret(uri: string): string | null {
  let secret: string | null;
  try {
    secret = new URL(uri).searchParams.get("secret");
  } catch {
    return null;
  }
  if (!secret) return null;
  return (
    secret
      .replace(/\s/g, "")
      .toUpperCase()
      .match(/.{1,4}/g)
      ?.join(" ") ?? null
  );
}

/** An SVG path drawing the dark modules of a QR matrix, one unit square each. */
export function qrPath(modules: readonly (readonly boolean[])[]): string {
  let path = "";
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return path;
}
