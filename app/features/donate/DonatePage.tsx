import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { keccak256, stringToHex, zeroHash, type Hex } from 'viem';
import { useConfig, useReadContract } from 'wagmi';
import { communityAbi } from '../../../contracts-abi/abis.ts';
import { FormOutcome } from '../../components/FormOutcome.tsx';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { checkRecipient, checkWithinBalance, parseKwhToWh } from '../../lib/amounts.ts';
import { describeError } from '../../lib/errors.ts';
import { formatKwh } from '../../lib/format.ts';
import { sendCommunityTx } from '../../lib/tx/send.ts';
import { TxStatusList } from '../../lib/tx/TxStatusList.tsx';
import { useDashboard } from '../../lib/dashboard.ts';
import { problemText, useTradeT } from '../../lib/trade-dict.ts';
import { BackToDashboard, CommunityRoute, type CommunityRouteCtx } from '../../components/CommunityRoute.tsx';
import { invalidateContracts } from '../../lib/queries.ts';

const MESSAGES_KEY = 'compartilha.donation-messages';
const MAX_MESSAGE = 140;

/** The message text stays on this device, keyed by its hash (the chain only sees the hash). */
export function rememberMessage(hash: Hex, text: string): void {
  try {
    const all = JSON.parse(localStorage.getItem(MESSAGES_KEY) ?? '{}') as Record<string, string>;
    all[hash] = text;
    localStorage.setItem(MESSAGES_KEY, JSON.stringify(all));
  } catch {
    /* private mode: not kept */
  }
}

export function messageHash(text: string): Hex {
  const t = text.trim();
  return t === '' ? zeroHash : keccak256(stringToHex(t));
}

/** Donate credits to a member or to the solidarity pool (loaded on demand). */
export default function DonatePage({ params }: { params: { chainId?: string; address?: string } }) {
  const { d } = useTradeT();
  return (
    <CommunityRoute params={params} className="stack trade" requireMember header={(c) => <BackToDashboard {...c} label={d.back} />}>
      {({ d: _member, ...ctx }) => <Donate {...ctx} />}
    </CommunityRoute>
  );
}

function Donate({ chainId, community, account }: CommunityRouteCtx) {
  const { d, lang } = useTradeT();
  const config = useConfig();
  const qc = useQueryClient();
  const dash = useDashboard(chainId, community, account);
  const members = useReadContract({ address: community, abi: communityAbi, functionName: 'members', args: [0, 1000], chainId });
  const [recipient, setRecipient] = useState('');
  const [amount, setAmount] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string>();
  const [errorField, setErrorField] = useState<'recipient' | 'amount'>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (dash.error && !dash.data) return <ErrorBox title={d.donate.title} message={describeError(dash.error, lang)} onRetry={() => void dash.refetch()} />;
  if (members.error && !members.data)
    return <ErrorBox title={d.donate.title} message={describeError(members.error, lang)} onRetry={() => void members.refetch()} />;
  if (!dash.data || !members.data) return <Loading />;
  const data = dash.data;
  const list = members.data.filter((m) => m.active);
  const balanceWh = data.member.balanceWh;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setError(undefined);
    setErrorField(undefined);
    setDone(undefined);
    // A field's own error is tied to it (aria-invalid + aria-describedby) so a screen reader reads both.
    const fail = (field: 'recipient' | 'amount', message: string) => {
      setErrorField(field);
      setError(message);
    };
    if (recipient === '') return fail('recipient', d.donate.chooseRecipient);
    const parsed = parseKwhToWh(amount, lang);
    if (!parsed.ok) return fail('amount', problemText(d, parsed));
    const within = checkWithinBalance(parsed.value, balanceWh);
    if (!within.ok) return fail('amount', `${problemText(d, within)} (${d.balance}: ${formatKwh(balanceWh, lang)})`);
    let toName = d.donate.pool;
    let toId: number | undefined;
    if (recipient !== 'pool') {
      const r = checkRecipient(Number(recipient), list, account);
      if (!r.ok) return fail('recipient', problemText(d, r));
      toId = r.value.id;
      toName = d.donate.pickerLabel(r.value.label, r.value.id);
    }
    const text = message.trim().slice(0, MAX_MESSAGE);
    const hash = messageHash(text);
    const kwh = formatKwh(parsed.value, lang);
    const label = d.donate.label(kwh, toName);
    setBusy(true);
    const out =
      toId === undefined
        ? await sendCommunityTx(config, { chainId, address: community, functionName: 'donateToPool', args: [parsed.value, hash], label }, lang)
        : await sendCommunityTx(config, { chainId, address: community, functionName: 'donate', args: [toId, parsed.value, hash], label }, lang);
    setBusy(false);
    if (!out.ok) return setError(out.message);
    if (text) rememberMessage(hash, text);
    setAmount('');
    setMessage('');
    setDone(d.donate.done(kwh, toName));
    void invalidateContracts(qc, [community]);
  }

  return (
    <>
      <h1>{d.donate.title}</h1>
      <p className="muted">{d.donate.intro}</p>
      <div className="card">
        <p>
          {d.balance}: <strong data-testid="donate-balance">{formatKwh(balanceWh, lang)}</strong>
        </p>
        <p className="muted" data-testid="pool-balance">
          {d.donate.poolBalance(formatKwh(data.poolWh, lang))}
        </p>
      </div>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="donate-recipient">{d.donate.recipient}</label>
          <select
            id="donate-recipient"
            data-testid="donate-recipient"
            value={recipient}
            onChange={(e) => setRecipient(e.target.value)}
            aria-invalid={errorField === 'recipient'}
            aria-describedby={errorField === 'recipient' ? 'donate-error' : undefined}
          >
            <option value="">{d.donate.choose}</option>
            <option value="pool">{d.donate.pool}</option>
            {list.map((m) => (
              <option key={m.id} value={String(m.id)}>
                {d.donate.pickerLabel(m.label, m.id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="donate-amount">{d.donate.amount}</label>
          <input
            id="donate-amount"
            data-testid="donate-amount"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-invalid={errorField === 'amount'}
            aria-describedby={errorField === 'amount' ? 'donate-error' : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="donate-message">{d.donate.message}</label>
          <input
            id="donate-message"
            data-testid="donate-message"
            maxLength={MAX_MESSAGE}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            aria-describedby="donate-message-hint"
          />
          <span className="muted" id="donate-message-hint">
            {d.donate.messageHint}
          </span>
        </div>
        <FormOutcome name="donate" error={error} done={done} busy={busy} submit={d.donate.submit} sending={d.donate.sending} />
      </form>
      <TxStatusList />
    </>
  );
}
