import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { zeroAddress } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import { useConfig } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { communityAbi } from '../../../../contracts-abi/abis.ts';
import { WriteError } from '../../../components/FormOutcome.tsx';
import { ActionButton } from '../../../components/ActionButton.tsx';
import { Qr } from '../../../components/Qr.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { formatDate, formatKwh, shortAddress } from '../../../lib/format.ts';
import { bothLangs } from '../../../lib/tx/store.ts';
import { invitationKeyAddress, invitationUrl } from '../../../lib/invitation.ts';
import type { ManageCtx, MemberView } from '../data.ts';
import { useManageT } from '../dict.ts';
import { useSend } from '../useSend.ts';
import { inviteDicts, useInviteT } from './invite-dict.ts';
import { noWallet } from './shares.ts';

const DAY = 86_400;
/** WhatsApp's own link (wa.me), for a browser without a share sheet. */
const whatsappUrl = (text: string) => `https://wa.me/?text=${encodeURIComponent(text)}`;

/**
 * "Convidar": a one-time invitation for a unit (issue #12). The invitation key is made here, in the
 * page (viem `generatePrivateKey`); only its address goes on-chain (`invite`). The key travels in
 * the link's fragment, which no server sees, and is kept nowhere else: once this panel closes, a
 * lost link means a new invitation. For a unit that has a wallet, the panel says what will move.
 */
export function InvitePanel({ ctx, member, onDone }: { ctx: ManageCtx; member: MemberView; onDone: () => void }) {
  const t = useInviteT();
  const { lang } = useManageT();
  const send = useSend();
  const [key] = useState(generatePrivateKey);
  const [days, setDays] = useState('7');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [sent, setSent] = useState<{ url: string; until: number } | null>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const n = Number(days);
  const daysOk = /^\d+$/.test(days.trim()) && n >= 1 && n <= 90;
  const hasWallet = !noWallet(member.wallet);

  async function submit() {
    if (!daysOk || busy) return;
    setBusy(true);
    setError('');
    const until = Math.floor(Date.now() / 1000) + n * DAY;
    const r = await send({
      chainId: ctx.chainId,
      address: ctx.community,
      functionName: 'invite',
      args: [member.id, invitationKeyAddress(key), BigInt(until)],
      label: bothLangs((l) => inviteDicts[l].tx(member.label)),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setSent({ url: invitationUrl({ chainId: ctx.chainId, community: ctx.community, memberId: member.id, key }), until });
  }

  function copy(url: string) {
    navigator.clipboard.writeText(url).then(
      () => setCopyState('copied'),
      () => setCopyState('failed'),
    );
  }

  async function share(url: string) {
    try {
      await navigator.share({ title: t.heading(member.label), text: t.shareText(ctx.d.settings.name, member.label), url });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      copy(url);
    }
  }

  return (
    <div className="subcard invite-panel" data-testid="invite-panel">
      <h3>{t.heading(member.label)}</h3>
      {!sent ? (
        <>
          <p>{t.intro}</p>
          {hasWallet && (
            <p className="notice" data-testid="invite-moves">
              {t.moves(member.label, shortAddress(member.wallet), formatKwh(member.balanceWh, lang))}
            </p>
          )}
          <p className="muted">{t.replaces}</p>
          <PendingInvitation ctx={ctx} member={member} />
          <TextField
            id="invite-days"
            label={t.expiresIn}
            value={days}
            inputMode="numeric"
            onChange={(v) => {
              setDays(v);
              setError('');
            }}
            invalid={!daysOk}
            error={daysOk ? undefined : t.expiresProblem}
          />
          <WriteError error={error} />
          <div className="row">
            <ActionButton type="button" data-testid="invite-send" unavailable={busy || !daysOk} onClick={() => void submit()}>
              {busy ? t.sending : t.send}
            </ActionButton>
            <button type="button" className="secondary" onClick={onDone}>
              {t.close}
            </button>
          </div>
        </>
      ) : (
        <div className="invite-ready print-area">
          <p role="status" data-testid="invite-ready">
            {t.ready(member.label, formatDate(new Date(sent.until * 1000), lang))}
          </p>
          <Qr text={sent.url} label={t.qr(member.label)} testId="invite-qr" />
          <div className="field">
            <label htmlFor="invite-link">{t.link}</label>
            <input id="invite-link" data-testid="invite-link" readOnly value={sent.url} onFocus={(e) => e.target.select()} />
          </div>
          <p className="muted">{t.keyNote}</p>
          <div className="row wrap no-print">
            <button type="button" className="secondary" data-testid="invite-copy" onClick={() => copy(sent.url)}>
              {t.copy}
            </button>
            {typeof navigator.share === 'function' ? (
              <button type="button" className="secondary" data-testid="invite-share" onClick={() => void share(sent.url)}>
                {t.share}
              </button>
            ) : (
              <a
                className="button-link secondary"
                data-testid="invite-whatsapp"
                href={whatsappUrl(`${t.shareText(ctx.d.settings.name, member.label)} ${sent.url}`)}
                target="_blank"
                rel="noopener noreferrer"
              >
                {t.whatsapp}
              </a>
            )}
            <button type="button" className="secondary" data-testid="invite-print" onClick={() => window.print()}>
              {t.print}
            </button>
            <button type="button" className="secondary" onClick={onDone}>
              {t.close}
            </button>
          </div>
          {copyState === 'copied' && <p role="status">{t.copied}</p>}
          {copyState === 'failed' && <p role="alert">{t.copyFailed}</p>}
        </div>
      )}
    </div>
  );
}

/**
 * The unit's invitation still open on-chain (`invitation(memberId)`: issued, not claimed, not
 * expired), with a button that revokes it (`invite(id, 0, 0)`): a link sent to the wrong person
 * stops working without issuing a new one.
 */
function PendingInvitation({ ctx, member }: { ctx: ManageCtx; member: MemberView }) {
  const t = useInviteT();
  const { lang } = useManageT();
  const config = useConfig();
  const send = useSend();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [revoked, setRevoked] = useState(false);
  // The open invitation's expiry (unix seconds), or null when none is open.
  const record = useQuery({
    queryKey: ['invitation-record', ctx.chainId, ctx.community, member.id],
    queryFn: async () => {
      const [key, expiresAt, used] = await readContract(config, {
        chainId: ctx.chainId,
        address: ctx.community,
        abi: communityAbi,
        functionName: 'invitation',
        args: [member.id],
      });
      return key === zeroAddress || used || Number(expiresAt) * 1000 <= Date.now() ? null : Number(expiresAt);
    },
    // Read afresh each time the panel opens: an invitation may have been issued or claimed since.
    staleTime: 0,
  });
  if (revoked)
    return (
      <p role="status" data-testid="invite-revoked">
        {t.revoked}
      </p>
    );
  if (record.error)
    return (
      <p className="notice" role="alert" data-testid="invite-pending-error">
        {t.pendingRead}
      </p>
    );
  const expiresAt = record.data;
  if (expiresAt == null) return null;

  async function revoke() {
    setBusy(true);
    setError('');
    const r = await send({
      chainId: ctx.chainId,
      address: ctx.community,
      functionName: 'invite',
      args: [member.id, zeroAddress, 0n],
      label: bothLangs((l) => inviteDicts[l].revokeTx(member.label)),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setRevoked(true); // the panel reads the record afresh when it opens again (staleTime 0)
  }

  return (
    <div className="notice" data-testid="invite-pending">
      <p>{t.pending(formatDate(new Date(expiresAt * 1000), lang))}</p>
      <WriteError error={error} />
      <button type="button" className="secondary" data-testid="invite-revoke" disabled={busy} onClick={() => void revoke()}>
        {busy ? t.revoking : t.revoke}
      </button>
    </div>
  );
}
