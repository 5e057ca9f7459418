import { WriteError } from '../components/FormOutcome.tsx';
import { useState } from 'react';
import { useConfig, useConnect } from 'wagmi';
import { describeError } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { BURNER_RDNS } from './burner/storage.ts';
import { ActionButton } from '../components/ActionButton.tsx';

/** Demo wallet for the local chain: its code (and anvil's public keys) load on demand. */
export function BurnerPicker({ showIntro }: { showIntro: boolean }) {
  const { t, lang } = useI18n();
  const config = useConfig();
  const { mutateAsync: connect } = useConnect();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();

  async function choose(index: number) {
    setBusy(index);
    setError(undefined);
    try {
      // A build-time literal, so a production bundle emits no demo-wallet chunk at all.
      if (!__DEV_CHAIN__) throw new Error('no demo wallet in a production build');
      const { activateBurner } = await import('./burner/activate.ts');
      activateBurner(index);
      const connector = config.connectors.find((c) => c.id === BURNER_RDNS);
      if (!connector) throw new Error('demo wallet not discovered');
      await connect({ connector });
    } catch (e) {
      setError(describeError(e, lang));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="card demo" aria-labelledby="demo-heading">
      <h2 id="demo-heading">{t.connect.demoHeading}</h2>
      {showIntro && <p>{t.connect.noWalletDemo}</p>}
      <p>{t.connect.demoIntro}</p>
      <button type="button" data-testid="connect-burner" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t.connect.demoButton}
      </button>
      {open && (
        <ul className="button-list">
          {t.connect.demoPeople.map((label, i) => (
            <li key={label}>
              <ActionButton
                type="button"
                className="secondary"
                data-testid={`burner-account-${i}`}
                unavailable={busy !== undefined}
                onClick={() => void choose(i)}
              >
                {busy === i ? t.connect.connecting : label}
              </ActionButton>
            </li>
          ))}
        </ul>
      )}
      <WriteError error={error} />
    </section>
  );
}
