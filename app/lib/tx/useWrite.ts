import { useCallback, useState } from 'react';
import { describeError } from '../errors.ts';
import { useI18n } from '../i18n.ts';

/** What a write (one transaction, or a flow of several) ends with: a TxOutcome is one. */
export type WriteOutcome = { ok: true } | { ok: false; message: string };

/**
 * The state of one form's write: `run` sends (refusing a second send while one is in flight), then
 * `busy` is false again and `error` holds the outcome's sentence, or nothing; a flow that throws is
 * reported the same way (never left spinning). `onDone` runs after a confirmed write (e.g. refetch
 * what it changed).
 */
export function useWrite(onDone?: () => unknown) {
  const { lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = useCallback(
    async (send: () => Promise<WriteOutcome>): Promise<boolean> => {
      if (busy) return false;
      setBusy(true);
      setError('');
      try {
        const outcome = await send();
        if (!outcome.ok) setError(outcome.message);
        else void onDone?.();
        return outcome.ok;
      } catch (err) {
        setError(describeError(err, lang));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [busy, onDone, lang],
  );
  return { run, busy, error, setError };
}
