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
import { useWrite } from '../../lib/tx/useWrite.ts';
import { fieldProblem } from '../../lib/a11y.ts';
import { TextField } from '../../components/TextField.tsx';
import { problemText, useTradeT } from '../../lib/trade-dict.ts';
import { BackToDashboard, CommunityRoute, type MemberRouteCtx } from '../../components/CommunityRoute.tsx';
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
      {(ctx) => <Donate {...ctx} />}
    </CommunityRoute>
  );
}

type Field = 'recipient' | 'amount';

/** The route guard has read the member's dashboard (`data`, refetched after the donation). */
function Donate({ d: data, chainId, community, account }: MemberRouteCtx) {
  const { d, lang } = useTradeT();
  const config = useConfig();
  const qc = useQueryClient();
  const write = useWrite(() => invalidateContracts(qc, [community]));
  const members = useReadContract({ address: community, abi: communityAbi, functionName: 'members', args: [0, 1000], chainId });
  const [recipient, setRecipient] = useState('');
  const [amount, setAmount] = useState('');
  const [message, setMessage] = useState('');
  // A field's own error is tied to it (aria-invalid + aria-describedby) so a screen reader reads both.
  const [problem, setProblem] = useState<{ field: Field; message: string }>();
  const [done, setDone] = useState<string>();

  if (members.error && !members.data)
    return <ErrorBox title={d.donate.title} message={describeError(members.error, lang)} onRetry={() => void members.refetch()} />;
  if (!members.data) return <Loading />;
  const list = members.data.filter((m) => m.active);
  const balanceWh = data.member.balanceWh;
  const invalid = (field: Field) => problem?.field === field;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (write.busy) return;
    write.setError('');
    setProblem(undefined);
    setDone(undefined);
    const fail = (field: Field, message: string) => setProblem({ field, message });
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
    const ok = await write.run(() =>
      toId === undefined
        ? sendCommunityTx(config, { chainId, address: community, functionName: 'donateToPool', args: [parsed.value, hash], label }, lang)
        : sendCommunityTx(config, { chainId, address: community, functionName: 'donate', args: [toId, parsed.value, hash], label }, lang),
    );
    if (!ok) return;
    if (text) rememberMessage(hash, text);
    setAmount('');
    setMessage('');
    setDone(d.donate.done(kwh, toName));
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
            {...fieldProblem(invalid('recipient'), 'donate-error')}
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
        <TextField
          id="donate-amount"
          data-testid="donate-amount"
          label={d.donate.amount}
          inputMode="decimal"
          value={amount}
          onChange={setAmount}
          invalid={invalid('amount')}
          errorId="donate-error"
        />
        <TextField
          id="donate-message"
          data-testid="donate-message"
          label={d.donate.message}
          hint={d.donate.messageHint}
          maxLength={MAX_MESSAGE}
          spellCheck
          value={message}
          onChange={setMessage}
        />
        <FormOutcome name="donate" error={problem?.message ?? write.error} done={done} busy={write.busy} submit={d.donate.submit} sending={d.donate.sending} />
      </form>
      <TxStatusList />
    </>
  );
}
