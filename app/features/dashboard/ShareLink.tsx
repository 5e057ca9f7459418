import { useState } from 'react';
import { useI18n } from '../../lib/i18n.ts';

/** https://wa.me/?text=…: WhatsApp's own link, the usual way a link reaches neighbours without a share sheet. */
export function whatsappUrl(text: string): string {
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}

/**
 * Shares the full URL of this page (gateway + CID + #/c/<chainId>/<address>) with neighbours: the
 * phone's share sheet (Web Share API) when there is one; otherwise a WhatsApp link and a copy button.
 * No server either way.
 */
export function ShareLink() {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed' | 'shared'>('idle');
  const url = window.location.href;
  const text = t.dashboard.shareText;
  const canShare = typeof navigator.share === 'function';

  async function share() {
    try {
      await navigator.share({ title: t.dashboard.shareTitle, text, url });
      setState('shared');
    } catch (e) {
      // Closing the share sheet is no failure; anything else falls back to copying.
      if (e instanceof DOMException && e.name === 'AbortError') return;
      copy();
    }
  }
  function copy() {
    navigator.clipboard.writeText(url).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  }

  return (
    <span className="share">
      {canShare ? (
        <button type="button" className="secondary" data-testid="share-link" onClick={() => void share()}>
          {t.dashboard.shareButton}
        </button>
      ) : (
        <>
          <a className="button-link secondary" data-testid="share-whatsapp" href={whatsappUrl(`${text} ${url}`)} target="_blank" rel="noopener noreferrer">
            {t.dashboard.shareWhatsapp}
          </a>{' '}
          <button type="button" className="secondary" data-testid="share-link" onClick={copy}>
            {t.dashboard.shareLink}
          </button>
        </>
      )}
      {state === 'copied' && <span role="status"> {t.dashboard.copied}</span>}
      {state === 'shared' && <span role="status"> {t.dashboard.shared}</span>}
      {state === 'failed' && (
        <label>
          {t.dashboard.copyFailed} <input readOnly value={url} data-testid="share-url" onFocus={(e) => e.target.select()} />
        </label>
      )}
    </span>
  );
}
