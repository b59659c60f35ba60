import type { TCall, TDocument, TUpdateCall } from "@caucus/shared";
import { useId, useState } from "react";
import { updateCall } from "../api/calls";
import { errorMessage } from "../api/errorMessage";
import { Dialog } from "../common/Dialog";
import { useTranslation } from "../i18n";
import { TestId } from "../testIds";
import { CallTextFields, DeadlineField, LinkDraftField, useCallPlace, VenueField } from "./callFields";
import { instantToWallTime } from "./deadline";

/**
 * Changing a call's forum, agenda item, venue, deadline or linked draft,
 * in a dialog (Escape closes it, focus goes back to the Edit button), with
 * the create form's fields and checks. Only what changed is sent, so an
 * editor fixing a typo in the forum does not overwrite a deadline someone
 * else moved a moment ago.
 */
export function EditCallForm({
  workspaceId,
  call,
  documents,
  onSaved,
  onClose,
}: {
  workspaceId: string;
  call: TCall;
  documents: readonly TDocument[];
  onSaved: (call: TCall) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const place = useCallPlace({
    forum: call.forum,
    agendaItem: call.agendaItem,
    zone: call.venueTimeZone,
    wallTime: instantToWallTime(Date.parse(call.deadline), call.venueTimeZone),
  });
  const [draftId, setDraftId] = useState(call.draft?.id ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const checked = place.check();
    if ("error" in checked) return setError(checked.error);
    const change: TUpdateCall = {};
    if (checked.forum !== call.forum) change.forum = checked.forum;
    if (checked.agendaItem !== call.agendaItem) change.agendaItem = checked.agendaItem;
    if (checked.venueTimeZone !== call.venueTimeZone) change.venueTimeZone = checked.venueTimeZone;
    if (Date.parse(checked.deadline) !== Date.parse(call.deadline)) change.deadline = checked.deadline;
    if ((draftId || null) !== (call.draft?.id ?? null)) change.draftId = draftId || null;
    if (Object.keys(change).length === 0) return onClose();
    setBusy(true);
    setError(null);
    try {
      onSaved(await updateCall(workspaceId, call.id, change));
      onClose();
    } catch (caught) {
      setError(errorMessage(caught, t));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t("calls.editHeading")} onClose={onClose} testId={TestId.callEditDialog}>
      <form
        className="create-form"
        data-testid={TestId.callEditForm}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <CallTextFields id={id} place={place} />
        <div className="create-form__fields">
          <VenueField id={id} place={place} />
          <DeadlineField id={id} place={place} />
        </div>
        <div className="create-form__fields">
          <LinkDraftField
            id={id}
            value={draftId}
            onChange={setDraftId}
            documents={documents}
            current={call.draft}
          />
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button secondary" onClick={onClose}>
            {t("actions.cancel")}
          </button>
          <button type="submit" className="button primary" data-testid={TestId.callEditSave} disabled={busy}>
            {busy ? t("calls.saving") : t("calls.saveChanges")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
