/**
 * The end of a write form: its error (tied to the fields by id `<name>-error`), its confirmation, and
 * the submit button. aria-disabled, not disabled, while busy: a disabled button drops keyboard focus
 * to the page's top.
 */
export function FormOutcome(props: { name: string; error?: string | null; done?: string | null; busy: boolean; submit: string; sending: string }) {
  const { name, error, done, busy } = props;
  return (
    <>
      {error && (
        <p className="error-text" role="alert" id={`${name}-error`} data-testid={`${name}-error`}>
          {error}
        </p>
      )}
      {done && (
        <p className="ok-text" role="status" data-testid={`${name}-done`}>
          {done}
        </p>
      )}
      <button type="submit" data-testid={`${name}-submit`} aria-disabled={busy}>
        {busy ? props.sending : props.submit}
      </button>
    </>
  );
}

/** A write's failure, said at once to a screen reader (nothing when there is none). */
export function WriteError({ error, testId }: { error: string | undefined; testId?: string }) {
  if (!error) return null;
  return (
    <p className="error-text" role="alert" data-testid={testId}>
      {error}
    </p>
  );
}
