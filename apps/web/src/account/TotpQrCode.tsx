import { useMemo } from "react";
import { encode } from "uqr";
import { qrPath } from "./totp";

/** Quiet zone around the code, in modules, as scanners expect. */
const MARGIN = 4;

/** The otpauth URI as a QR code, drawn here as SVG: the secret never leaves the page. */
export function TotpQrCode({ uri, label }: { uri: string; label: string }) {
  const { size, path } = useMemo(() => {
    const code = encode(uri, { ecc: "M", border: 0 });
    return { size: code.size, path: qrPath(code.data) };
  }, [uri]);
  const box = size + MARGIN * 2;
  return (
    <svg
      className="qr-code"
      viewBox={`${-MARGIN} ${-MARGIN} ${box} ${box}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect x={-MARGIN} y={-MARGIN} width={box} height={box} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
