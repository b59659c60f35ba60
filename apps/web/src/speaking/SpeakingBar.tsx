import { formatDuration, skipsCoverPage, type TDocumentKind } from "@caucus/shared";
import type { TSpeakingEstimate } from "@caucus/shared/editor";
import type { Editor } from "@tiptap/core";
import { useCallback } from "react";
import type * as Y from "yjs";
import { useTranslation } from "../i18n";
import { DeliverySettingsDialog } from "./DeliverySettingsDialog";
import { meterShown } from "./meterShown";
import { setParagraphTimes } from "./paragraphTimes";
import { SpeakingMeter } from "./SpeakingMeter";
import { useDeliverySettings } from "./useDeliverySettings";
import { useSpeakingEstimate } from "./useSpeakingEstimate";

/**
 * The document's delivery line beside its title: the speaking-time meter
 * (for kinds read aloud, or once a limit is set) and where it is
 * delivered; the delivery settings dialog, opened from the document's
 * menu. Also keeps each paragraph's time badge in the editor up to date.
 */
export function SpeakingBar({
  editor,
  ydoc,
  kind,
  editable,
  settingsOpen,
  onSettingsClose,
}: {
  editor: Editor | null;
  ydoc: Y.Doc;
  kind: TDocumentKind | null;
  editable: boolean;
  /** The delivery settings dialog, opened from the document's menu. */
  settingsOpen: boolean;
  onSettingsClose: () => void;
}) {
  const { t } = useTranslation();
  const delivery = useDeliverySettings(ydoc);
  const { settings } = delivery;
  const shown = meterShown(kind, delivery.limitSet);
  const skipCoverPage = skipsCoverPage(settings);

  const labelParagraphs = useCallback(
    (estimate: TSpeakingEstimate | null) => {
      if (!editor || editor.isDestroyed) return;
      const labels = (estimate?.paragraphs ?? []).map((paragraph) =>
        paragraph.words === 0
          ? null
          : {
              badge: formatDuration(paragraph.seconds),
              title: t("meter.paragraph", {
                time: formatDuration(paragraph.seconds),
                count: paragraph.words,
              }),
            },
      );
      setParagraphTimes(editor.view, labels, skipCoverPage);
    },
    [editor, skipCoverPage, t],
  );
  const estimate = useSpeakingEstimate(editor, settings, shown, labelParagraphs);
  const where = [settings.forum, settings.agendaItem].filter(Boolean).join(" — ");

  return (
    <div className="speaking-bar">
      {estimate && <SpeakingMeter estimate={estimate} wordsPerMinute={settings.wordsPerMinute} />}
      {where && (
        <p className="speaking-bar__where" dir="auto">
          {where}
        </p>
      )}
      {settingsOpen && (
        <DeliverySettingsDialog
          ydoc={ydoc}
          state={delivery}
          kind={kind}
          editable={editable}
          onClose={onSettingsClose}
        />
      )}
    </div>
  );
}
