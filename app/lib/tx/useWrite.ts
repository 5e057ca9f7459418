import { useCallback, useState } from 'react';
import type { TxOutcome } from './send.ts';

/**
 * The state of one form's write: `run` sends (refusing a second send while one is in flight), then
 * `busy` is false again and `error` holds the outcome's sentence, or nothing; `onDone` runs after a
 * confirmed write (e.g. refetch what it changed).
 */
export function useWrite(onDone?: () => unknown) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = useCallback(
    async (send: () => Promise<TxOutcome>): Promise<boolean> => {
      if (busy) return false;
      setBusy(true);
      setError('');
      try {
        const outcome = await send();
        if (!outcome.ok) setError(outcome.message);
        else void onDone?.();
        return outcome.ok;
      } finally {
        setBusy(false);
      }
    },
    [busy, onDone],
  );
  return { run, busy, error, setError };
}
