import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useConfig } from 'wagmi';
import { explorerOf } from '../chains.ts';
import { useI18n } from '../i18n.ts';
import { shortAddress } from '../format.ts';
import type { DecodedError } from '../errors.ts';
import { resumePending } from './send.ts';
import { txStore, txText } from './store.ts';

/** The status of every transaction this browser sent: pending → confirmed / failed, across reloads. */
/** `decode`: the screen's error decoder, for a reverted transaction picked up after a reload. */
export function TxStatusList({ decode }: { decode?: (err: unknown) => DecodedError } = {}) {
  const { t, lang } = useI18n();
  const config = useConfig();
  const qc = useQueryClient();
  const entries = useSyncExternalStore(txStore.subscribe, txStore.snapshot, txStore.snapshot);
  useEffect(() => {
    // A transaction picked up after a reload changes balances: refresh the figures once it is mined.
    void resumePending(config, lang, () => void qc.invalidateQueries(), decode);
    // Once per mount: the receipts are awaited in the background.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config]);
  const latest = entries[0];
  // One live region, present from the first render (a region inserted together with its text is
  // often not read): it says the newest transaction's label and state as they change.
  const announcer = (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="tx-announce">
      {latest ? `${txText(latest.label, lang)}: ${t.tx.states[latest.state]}${latest.error ? `. ${txText(latest.error, lang)}` : ''}` : ''}
    </p>
  );
  return (
    <>
      {announcer}
      {entries.length > 0 && (
        <section className="card tx-list" aria-labelledby="tx-heading">
          <h2 id="tx-heading">{t.tx.heading}</h2>
          <ul>
            {entries.slice(0, 8).map((e) => {
              const explorer = explorerOf(e.chainId);
              const state = e.state === 'confirmed' ? 'confirmed' : e.state === 'failed' ? 'failed' : 'pending';
              const label = txText(e.label, lang);
              return (
                <li key={e.id} data-testid="tx-status" data-state={state} className={`tx tx-${state}`}>
                  <span className="tx-label">{label}</span> <span className="tx-state">{t.tx.states[e.state]}</span>
                  {e.hash && (
                    <span className="tx-hash">
                      {' '}
                      {explorer ? (
                        <a href={`${explorer.replace(/\/$/, '')}/tx/${e.hash}`} target="_blank" rel="noreferrer">
                          {t.tx.explorer} {shortAddress(e.hash)}
                        </a>
                      ) : (
                        <code>{shortAddress(e.hash)}</code>
                      )}
                    </span>
                  )}
                  {e.error && <p className="error-text">{txText(e.error, lang)}</p>}
                  {state !== 'pending' && (
                    <button type="button" className="secondary small" onClick={() => txStore.dismiss(e.id)} aria-label={`${t.tx.dismiss}: ${label}`}>
                      ×
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
