import { useState } from 'react';
import type { Address } from 'viem';
import { useConfig, useReadContract } from 'wagmi';
import { communityRegistryReadAbi } from '../../../contracts-abi/first-screen.ts';
import { WriteError } from '../../components/FormOutcome.tsx';
import { deploymentOf } from '../../lib/chains.ts';
import { useI18n } from '../../lib/i18n.ts';
import { sendCommunityTx } from '../../lib/tx/send.ts';
import { bothLangs } from '../../lib/tx/store.ts';

const words = {
  'pt-BR': {
    ask: 'Esta comunidade não aparece em "Minhas comunidades"?',
    checking: 'Verificando…',
    listed: 'Ela já aparece em "Minhas comunidades" para esta carteira.',
    readFailed: 'Não foi possível verificar agora. Tente de novo mais tarde.',
    text: 'Esta comunidade ainda não aparece em "Minhas comunidades" para esta carteira: o síndico cadastrou a carteira diretamente, e a lista só mostra uma comunidade depois que você confirma que participa dela.',
    button: 'Confirmar minha participação',
    sending: 'Confirmando…',
    tx: 'Confirmar participação na comunidade',
    done: 'Pronto: a comunidade aparece em "Minhas comunidades".',
  },
  en: {
    ask: 'This community does not show in "My communities"?',
    checking: 'Checking…',
    listed: 'It already shows in "My communities" for this wallet.',
    readFailed: 'Could not check now. Try again later.',
    text: 'This community does not show in "My communities" for this wallet yet: the manager entered the wallet directly, and the list shows a community only once you confirm you take part in it.',
    button: 'Confirm my membership',
    sending: 'Confirming…',
    tx: 'Confirm membership of the community',
    done: 'Done: the community shows in "My communities".',
  },
} as const;

/**
 * A member the manager entered by wallet is not listed by the registry until the wallet consents
 * (`acceptMembership`): anyone can create a community naming any wallet. The dashboard asks the
 * registry only when the member asks (its budget is 2 calls for the figures, 4 in all): one
 * question at the bottom; then either "already listed" or one notice and one button.
 */
export default function ListMembership({ chainId, community, account }: { chainId: number; community: Address; account: Address }) {
  const { lang } = useI18n();
  const w = words[lang];
  const config = useConfig();
  const registry = deploymentOf(chainId)?.registry;
  const [asked, setAsked] = useState(false);
  const listed = useReadContract({
    address: registry,
    abi: communityRegistryReadAbi,
    functionName: 'hasMembership',
    args: [account, community],
    chainId,
    query: { enabled: asked && registry !== undefined },
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  if (done)
    return (
      <p role="status" data-testid="membership-listed">
        {w.done}
      </p>
    );
  if (registry === undefined) return null;
  if (!asked)
    return (
      <p>
        <button type="button" className="link-button" data-testid="membership-check" onClick={() => setAsked(true)}>
          {w.ask}
        </button>
      </p>
    );
  if (listed.error)
    return (
      <p role="alert" data-testid="membership-check-failed">
        {w.readFailed}
      </p>
    );
  if (listed.data === undefined) return <p role="status">{w.checking}</p>;
  if (listed.data)
    return (
      <p role="status" data-testid="membership-already">
        {w.listed}
      </p>
    );

  async function accept() {
    setBusy(true);
    setError('');
    const r = await sendCommunityTx(
      config,
      { chainId, address: community, functionName: 'acceptMembership', args: [], label: bothLangs((l) => words[l].tx) },
      lang,
    );
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setDone(true);
    void listed.refetch();
  }

  return (
    <div className="subcard notice" data-testid="accept-membership">
      <p>{w.text}</p>
      <WriteError error={error} />
      <button type="button" className="secondary" data-testid="accept-membership-send" disabled={busy} onClick={() => void accept()}>
        {busy ? w.sending : w.button}
      </button>
    </div>
  );
}
