import { useState, type FormEvent } from 'react';
import { useConfig, useConnect } from 'wagmi';
import { ActionButton } from '../components/ActionButton.tsx';
import { WriteError } from '../components/FormOutcome.tsx';
import { chains } from '../lib/chains.ts';
import { describeError } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { usePasskeyT, type PasskeyDict } from './passkey/dict.ts';
import { PASSKEY_RDNS, passkeysSupported, rememberedAccess, SEALED_KEY } from './passkey/storage.ts';

type Step = 'choose' | 'newPin' | 'enterPin';

function hasSealedKey(): boolean {
  try {
    return !!localStorage.getItem(SEALED_KEY);
  } catch {
    return false;
  }
}

/** A WebAuthn refusal (the resident cancelled, or the prompt timed out): nothing happened. */
function isCancel(e: unknown): boolean {
  return e instanceof DOMException && (e.name === 'NotAllowedError' || e.name === 'AbortError');
}

/**
 * Sign-in without a wallet app: a passkey (the phone's fingerprint, face or screen lock) whose PRF
 * output is the account key, or, where the passkey has no PRF, a key kept in this browser under a
 * PIN. Only this card and its strings are in the first-load bundle; the ceremonies, the key
 * derivation and the signer load on the first tap (app/wallet/passkey/wallet.ts). The card itself
 * and its strings load with the connect screen, as a chunk of their own (ConnectScreen.tsx).
 */
export default function PasskeyCard({ chainId }: { chainId?: number }) {
  const { t, lang } = useI18n();
  const { p } = usePasskeyT();
  const config = useConfig();
  const { mutateAsync: connect } = useConnect();
  const remembered = rememberedAccess();
  const [step, setStep] = useState<Step>(remembered?.kind === 'pin' && hasSealedKey() ? 'enterPin' : 'choose');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const chain = chainId ?? chains[0].id;
  if (!passkeysSupported() && step === 'choose') return null;

  async function run(action: (w: typeof import('./passkey/wallet.ts')) => Promise<'ready' | 'needsPin' | 'wrongPin'>) {
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await action(await import('./passkey/wallet.ts'));
      if (outcome === 'needsPin') setStep(hasSealedKey() ? 'enterPin' : 'newPin');
      else if (outcome === 'wrongPin') setError(p.pinWrong);
      else {
        const connector = config.connectors.find((c) => c.id === PASSKEY_RDNS);
        if (!connector) throw new Error('passkey wallet not discovered');
        await connect({ connector, chainId: chain });
      }
    } catch (e) {
      setError(isCancel(e) ? p.cancelled : e instanceof DOMException ? p.failed : describeError(e, lang));
    } finally {
      setBusy(false);
    }
  }

  const create = () => void run(async (w) => (await w.createAccess(t.appName, chain)).kind);
  const signIn = () => void run(async (w) => (await w.signIn(chain)).kind);
  // A browser that has signed in here before offers "Entrar" first; a new one, "Criar acesso".
  const signInButton = { testId: 'passkey-sign-in', onClick: signIn, label: remembered ? p.signIn : p.signInOther };
  const createButton = { testId: 'passkey-create', onClick: create, label: remembered ? p.createOther : p.create };
  const buttons = remembered ? [signInButton, createButton] : [createButton, signInButton];

  return (
    <section className="card" aria-labelledby="passkey-heading" data-testid="passkey-card">
      <h2 id="passkey-heading">{p.heading}</h2>
      {step === 'choose' && (
        <>
          <p>{p.intro}</p>
          <div className="button-list">
            {buttons.map((b, i) => (
              <ActionButton
                key={b.testId}
                type="button"
                className={i === 0 ? undefined : 'secondary'}
                data-testid={b.testId}
                unavailable={busy}
                onClick={b.onClick}
              >
                {busy && i === 0 ? p.working : b.label}
              </ActionButton>
            ))}
          </div>
        </>
      )}
      {step === 'newPin' && <NewPin p={p} busy={busy} onSubmit={(pin) => void run(async (w) => (await w.createPinAccess(pin, chain), 'ready'))} />}
      {step === 'enterPin' && (
        <EnterPin p={p} busy={busy} onSubmit={(pin) => void run(async (w) => ((await w.openPinAccess(pin, chain)) ? 'ready' : 'wrongPin'))} />
      )}
      <WriteError error={error} testId="passkey-error" />
    </section>
  );
}

function NewPin({ p, busy, onSubmit }: { p: PasskeyDict; busy: boolean; onSubmit: (pin: string) => void }) {
  const [problem, setProblem] = useState<string | undefined>();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const pin = String(form.get('pin') ?? '');
    const { pinProblem } = await import('./passkey/pin.ts');
    const bad = pinProblem(pin);
    const msg =
      bad === 'short' ? p.pinShort : bad === 'digits' ? p.pinDigits : bad === 'weak' ? p.pinWeak : pin !== form.get('pinAgain') ? p.pinMismatch : undefined;
    setProblem(msg);
    if (!msg) onSubmit(pin);
  };
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="passkey-new-pin" noValidate>
      <h3>{p.pinHeading}</h3>
      <p className="notice">{p.pinWhy}</p>
      <label>
        {p.pin}
        <input name="pin" type="password" inputMode="numeric" autoComplete="new-password" data-testid="pin" required />
      </label>
      <label>
        {p.pinAgain}
        <input name="pinAgain" type="password" inputMode="numeric" autoComplete="new-password" data-testid="pin-again" required />
      </label>
      {problem && (
        <p className="error-text" role="alert" data-testid="pin-problem">
          {problem}
        </p>
      )}
      <ActionButton type="submit" data-testid="pin-save" unavailable={busy}>
        {busy ? p.working : p.pinSave}
      </ActionButton>
    </form>
  );
}

function EnterPin({ p, busy, onSubmit }: { p: PasskeyDict; busy: boolean; onSubmit: (pin: string) => void }) {
  return (
    <form
      className="stack"
      data-testid="passkey-enter-pin"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(String(new FormData(e.currentTarget).get('pin') ?? ''));
      }}
    >
      <p>{p.pinOnlyHere}</p>
      <label>
        {p.pinEnter}
        <input name="pin" type="password" inputMode="numeric" autoComplete="current-password" data-testid="pin" required />
      </label>
      <ActionButton type="submit" data-testid="pin-open" unavailable={busy}>
        {busy ? p.working : p.pinOpen}
      </ActionButton>
    </form>
  );
}
