import { useState } from 'react';
import { useTradeT } from '../../lib/trade-dict.ts';

type D = ReturnType<typeof useTradeT>['d'];
const LEGAL_KEY = 'compartilha.market.legal-notice-seen';

export function LegalNotice({ d }: { d: D }) {
  const [seen, setSeen] = useState(() => {
    try {
      return localStorage.getItem(LEGAL_KEY) === '1';
    } catch {
      return false;
    }
  });
  if (seen) return null;
  return (
    <div className="card notice legal" role="note" data-testid="legal-notice">
      <h2>{d.market.legalTitle}</h2>
      <p>{d.market.legal}</p>
      <button
        type="button"
        data-testid="legal-notice-dismiss"
        onClick={() => {
          try {
            localStorage.setItem(LEGAL_KEY, '1');
          } catch {
            /* private mode: shown again next time */
          }
          setSeen(true);
          // The button disappears: focus goes on from the page's heading, not from the top.
          document.getElementById('market-h')?.focus();
        }}
      >
        {d.market.legalDismiss}
      </button>
    </div>
  );
}
