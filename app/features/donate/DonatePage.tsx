import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { keccak256, stringToHex, zeroHash, type Hex } from 'viem';
import { useConfig, useReadContract } from 'wagmi';
import { communityAbi } from '../../../contracts-abi/abis.ts';
import { FormOutcome } from '../../components/FormOutcome.tsx';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { checkRecipient, checkWithinBalance, kwhAmbiguity, parseKwhToWh, recipientChoices, type KwhAmbiguity } from '../../lib/amounts.ts';
import { describeError } from '../../lib/errors.ts';
import { formatKwh } from '../../lib/format.ts';
import { sendCommunityTx } from '../../lib/tx/send.ts';
import { TxStatusList } from '../../lib/tx/TxStatusList.tsx';
import { useInFlight } from '../../lib/tx/useInFlight.ts';
import { bothLangs, txMeta } from '../../lib/tx/store.ts';
import { ReviewStep, useReviewedWrite } from '../../components/ReviewStep.tsx';
import { KwhAmountField } from '../../components/KwhQuestion.tsx';
import { useFocusAfterReview } from '../../components/useFocusAfterReview.ts';
import { fieldProblem } from '../../lib/a11y.ts';
import { TextField } from '../../components/TextField.tsx';
import { problemText, tradeDicts, useTradeT } from '../../lib/trade-dict.ts';
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
  const write = useReviewedWrite(() => invalidateContracts(qc, [community]));
  // A donation of this account still on its way (also after a reload): no second one until it is mined.
  const inFlight = useInFlight('donate', community, account);
  const members = useReadContract({ address: community, abi: communityAbi, functionName: 'members', args: [0, 1000], chainId });
  const [recipient, setRecipient] = useState('');
  const [amount, setAmount] = useState('');
  const [message, setMessage] = useState('');
  // A field's own error is tied to it (aria-invalid + aria-describedby) so a screen reader reads both.
  const [problem, setProblem] = useState<{ field: Field; message: string }>();
  const [question, setQuestion] = useState<KwhAmbiguity>();
  const [done, setDone] = useState<string>();
  const form = useRef<HTMLFormElement>(null);
  // Back from the review (or after the send): focus returns to the form's button, not the page's top.
  const focusLater = useFocusAfterReview(write.review !== null);
  const refocus = () => focusLater(() => form.current?.querySelector<HTMLButtonElement>('button[type="submit"]'));

  if (members.error && !members.data)
    return <ErrorBox title={d.donate.title} message={describeError(members.error, lang)} onRetry={() => void members.refetch()} />;
  if (!members.data) return <Loading />;
  const all = members.data;
  const choices = recipientChoices(all, account);
  const nameOf = (m: { id: number; label: string }, sameLabel: boolean) => (sameLabel ? d.donate.pickerLabel(m.label, m.id) : m.label || d.donate.unnamed);
  const balanceWh = data.member.balanceWh;
  const invalid = (field: Field) => problem?.field === field;
  const busy = write.busy || inFlight !== undefined;

  /** Checks the form with `amountText` and shows the review; nothing is sent before "Confirmar". */
  function prepare(amountText: string) {
    if (busy) return;
    write.setError('');
    setProblem(undefined);
    setQuestion(undefined);
    setDone(undefined);
    const fail = (field: Field, message: string) => setProblem({ field, message });
    if (recipient === '') return fail('recipient', d.donate.chooseRecipient);
    const ambiguity = kwhAmbiguity(amountText, lang);
    if (ambiguity) return setQuestion(ambiguity);
    const parsed = parseKwhToWh(amountText, lang);
    if (!parsed.ok) return fail('amount', problemText(d, parsed));
    const within = checkWithinBalance(parsed.value, balanceWh);
    if (!within.ok) return fail('amount', `${problemText(d, within)} (${d.balance}: ${formatKwh(balanceWh, lang)})`);
    let toName = d.donate.pool;
    let toId: number | undefined;
    if (recipient !== 'pool') {
      const r = checkRecipient(Number(recipient), all, account);
      if (!r.ok) return fail('recipient', problemText(d, r));
      toId = r.value.id;
      toName = nameOf(r.value, choices.find((c) => c.member.id === r.value.id)?.sameLabel ?? false);
    }
    const wh = parsed.value;
    const text = message.trim().slice(0, MAX_MESSAGE);
    const hash = messageHash(text);
    const kwh = formatKwh(wh, lang);
    const label = bothLangs((l) => tradeDicts[l].donate.label(formatKwh(wh, l), recipient === 'pool' ? tradeDicts[l].donate.pool : toName));
    const meta = txMeta('donate', community, account, wh);
    const facts: [string, string][] = [[d.writes.balanceAfter, formatKwh(balanceWh - wh, lang)]];
    if (text) facts.push([d.writes.message, text]);
    write.ask({
      summary: d.writes.donateReview(kwh, toName),
      facts,
      send: async () => {
        const out =
          toId === undefined
            ? await sendCommunityTx(config, { chainId, address: community, functionName: 'donateToPool', args: [wh, hash], label, meta }, lang)
            : await sendCommunityTx(config, { chainId, address: community, functionName: 'donate', args: [toId, wh, hash], label, meta }, lang);
        if (out.ok) {
          if (text) rememberMessage(hash, text);
          setAmount('');
          setMessage('');
          setDone(d.donate.done(kwh, toName));
        }
        return out;
      },
    });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    prepare(amount);
  }

  const pendingNote = inFlight && (
    <p className="notice" role="status" data-testid="donate-pending">
      {d.writes.donatePending(inFlight.meta?.wh ? formatKwh(BigInt(inFlight.meta.wh), lang) : '')}
    </p>
  );

  return (
    <>
      <h1>{d.donate.title}</h1>
      <p className="muted">{d.donate.intro}</p>
      <div className="card">
        <p>
          {d.balance}: <strong data-testid="donate-balance">{formatKwh(balanceWh, lang)}</strong>
          {inFlight && (
            <span className="pending-tag" data-testid="donate-balance-pending">
              {' '}
              ({d.writes.pendingBalance})
            </span>
          )}
        </p>
        <p className="muted" data-testid="pool-balance">
          {d.donate.poolBalance(formatKwh(data.poolWh, lang))}
        </p>
      </div>
      {/* The form and its review step sit under a heading of their own (h1 → h2 → the review's h3). */}
      <h2 className="visually-hidden">{d.writes.donateHeading}</h2>
      {write.review ? (
        <div className="card">
          <ReviewStep
            name="donate"
            review={write.review}
            busy={write.busy}
            error={write.error}
            onConfirm={() => {
              refocus();
              void write.confirm();
            }}
            onBack={() => {
              write.back();
              refocus();
            }}
          />
        </div>
      ) : (
        <form className="card" ref={form} onSubmit={submit} noValidate>
          {pendingNote}
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
              {choices.map(({ member: m, sameLabel }) => (
                <option key={m.id} value={String(m.id)}>
                  {nameOf(m, sameLabel)}
                </option>
              ))}
            </select>
          </div>
          <KwhAmountField
            id="donate-amount"
            label={d.donate.amount}
            value={amount}
            onChange={setAmount}
            question={question}
            onQuestion={setQuestion}
            onChosen={prepare}
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
          <FormOutcome name="donate" error={problem?.message ?? write.error} done={done} busy={busy} submit={d.donate.submit} sending={d.donate.sending} />
        </form>
      )}
      <TxStatusList />
    </>
  );
}
