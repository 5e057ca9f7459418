import { useState } from 'react';
import { useI18n } from '../../lib/i18n.ts';

/** Copies the full URL of this page (gateway + CID + #/c/<chainId>/<address>) to share with neighbours. */
export function ShareLink() {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const url = window.location.href;
  return (
    <span className="share">
      <button
        type="button"
        className="secondary"
        data-testid="share-link"
        onClick={() =>
          navigator.clipboard.writeText(url).then(
            () => setState('copied'),
            () => setState('failed'),
          )
        }
      >
        {t.dashboard.shareLink}
      </button>
      {state === 'copied' && <span role="status"> {t.dashboard.copied}</span>}
      {state === 'failed' && (
        <label>
          {t.dashboard.copyFailed} <input readOnly value={url} data-testid="share-url" onFocus={(e) => e.target.select()} />
        </label>
      )}
    </span>
  );
}
