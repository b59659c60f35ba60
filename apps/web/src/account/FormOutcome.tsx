/** What became of a form's last request: the failure, or the sentence that says it worked. */
export function FormOutcome({ error, done }: { error: string | null; done: string | null }) {
  if (error)
    return (
      <p className="field-error" role="alert">
        {error}
      </p>
    );
  return done ? <p role="status">{done}</p> : null;
}
