/** A person's colour as a dot beside their name in text (decoration: the name says who). */
export function ColourSwatch({ color }: { color: string }) {
  return <span className="swatch" style={{ backgroundColor: color }} aria-hidden="true" />;
}
