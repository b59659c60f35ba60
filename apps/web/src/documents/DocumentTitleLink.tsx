import type { MouseEvent } from "react";
import { documentPath, followLink } from "../router";
import { TestId } from "../testIds";

/** A document's title in the list, opening it in the app; `onOpen` runs first. */
export function DocumentTitleLink({ id, title, onOpen }: { id: string; title: string; onOpen?: () => void }) {
  return (
    <a
      className="document-row__title"
      href={documentPath(id)}
      data-testid={TestId.openDocument}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        onOpen?.();
        followLink(event);
      }}
      dir="auto"
    >
      {title}
    </a>
  );
}
