import { bothLangs } from '../../../lib/tx/store.ts';
import { WriteError } from '../../../components/FormOutcome.tsx';
import { useState, type ChangeEvent } from 'react';
import type { Address, Hex } from 'viem';
import { formatCycle, formatKwh, formatPpm, shortAddress } from '../../../lib/format.ts';
import { TextField } from '../../../components/TextField.tsx';
import { type ManageCtx, type MemberView } from '../data.ts';
import { manageDicts, useManageT } from '../dict.ts';
import { useSend } from '../useSend.ts';
import { directoryKey, download, exportDirectory, loadDirectory, parseDirectory, saveDirectory, ucOf, type Directory } from './directory.ts';
import { checkMemberForm, checkShares, noWallet, parseSharePercent, ppmToPercentInput, randomSalt, ucCommitment } from './shares.ts';
import { zeroAddress } from 'viem';
import { InvitePanel } from './Invite.tsx';
import { useInviteT } from './invite-dict.ts';
import { ActionButton } from '../../../components/ActionButton.tsx';
import { ConsoleReview, useConsoleWrite } from '../ConsoleReview.tsx';
import { allocationCsv, ucProblem } from '../allocation/allocationTable.ts';
import { FileSchedule, PendingSchedule } from '../schedule/FileSchedule.tsx';

export function MembersSection({ ctx }: { ctx: ManageCtx }) {
  const { m, lang } = useManageT();
  const send = useSend();
  const [dir, setDir] = useState<Directory>(() => loadDirectory(ctx.chainId, ctx.community));
  const [editing, setEditing] = useState<number | null>(null);
  const [inviting, setInviting] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const w = useConsoleWrite();
  const inv = useInviteT();

  const editingMember = ctx.members.find((x) => x.id === editing);
  const invitingMember = ctx.members.find((x) => x.id === inviting);
  const saveDir = (d: Directory) => {
    setDir(d);
    saveDirectory(ctx.chainId, ctx.community, d);
  };

  function toggleActive(x: MemberView) {
    w.ask({
      summary: !x.active
        ? m.review.activate(x.label)
        : x.sharePpm > 0
          ? m.review.deactivate(x.label, formatPpm(x.sharePpm, lang))
          : m.review.deactivateNoShare(x.label),
      send: () =>
        send({
          chainId: ctx.chainId,
          address: ctx.community,
          functionName: 'setActive',
          args: [x.id, !x.active],
          label: bothLangs((l) => manageDicts[l].members.txActive(x.label, !x.active)),
        }),
    });
  }

  async function onImport(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    const d = parseDirectory(await f.text());
    if (!d) {
      setNote(m.members.importBad);
      return;
    }
    saveDir({ ...dir, ...d });
    setNote(m.members.imported(Object.keys(d).length));
  }

  return (
    <section className="card" aria-labelledby="members-heading" id="members">
      <h2 id="members-heading">{m.members.heading}</h2>
      <div className="table-scroll" role="region" aria-label={m.tableScroll(m.members.heading)} tabIndex={0}>
        <table className="lots manage-table" data-testid="members-table">
          <thead>
            <tr>
              <th scope="col">{m.members.label}</th>
              <th scope="col">{m.members.uc}</th>
              <th scope="col">{m.members.connection}</th>
              <th scope="col" className="num">
                {m.members.share}
              </th>
              <th scope="col">{m.members.active}</th>
              <th scope="col" className="num">
                {m.members.balance}
              </th>
              <th scope="col">{m.members.actions}</th>
            </tr>
          </thead>
          <tbody>
            {ctx.members.map((x) => (
              <tr key={x.id} data-testid="member-row">
                <td>
                  {x.label}
                  <br />
                  <span className="muted address-small" title={x.wallet} data-testid={`member-wallet-${x.id}`}>
                    {noWallet(x.wallet) ? inv.noWalletYet : shortAddress(x.wallet)}
                  </span>
                </td>
                <td>{ucOf(dir, x.wallet, x.ucCommitment) ?? '—'}</td>
                <td>{m.connectionShort[x.connection]}</td>
                <td className="num">
                  {formatPpm(x.sharePpm, lang)}
                  {x.pendingShareCycle !== 0 && (
                    <span className="muted" data-testid={`member-pending-share-${x.id}`}>
                      {' '}
                      {m.members.pendingShare(formatPpm(x.pendingSharePpm, lang), formatCycle(x.pendingShareCycle))}
                    </span>
                  )}
                </td>
                <td>{x.active ? m.yes : m.no}</td>
                <td className="num">{formatKwh(x.balanceWh, lang)}</td>
                <td className="actions">
                  <button type="button" className="secondary small" onClick={() => setEditing(editing === x.id ? null : x.id)}>
                    {m.members.edit}
                  </button>
                  <button type="button" className="secondary small" data-testid={`member-active-${x.id}`} onClick={() => toggleActive(x)}>
                    {x.active ? m.members.deactivate : m.members.activate}
                  </button>
                  <button
                    type="button"
                    className="secondary small"
                    data-testid={`member-invite-${x.id}`}
                    onClick={() => setInviting(inviting === x.id ? null : x.id)}
                  >
                    {inv.inviteButton}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConsoleReview name="member-active" w={w} />
      <WriteError error={w.error} />
      {invitingMember && <InvitePanel key={invitingMember.id} ctx={ctx} member={invitingMember} onDone={() => setInviting(null)} />}
      {editingMember && <MemberForm key={editingMember.id} ctx={ctx} dir={dir} saveDir={saveDir} member={editingMember} onDone={() => setEditing(null)} />}
      <MemberForm ctx={ctx} dir={dir} saveDir={saveDir} />
      <PendingSchedule ctx={ctx} />
      <SharesEditor ctx={ctx} dir={dir} />
      <h3>{m.members.directoryHeading}</h3>
      <p className="muted">{m.members.directoryIntro}</p>
      <div className="row wrap">
        <button
          type="button"
          className="secondary"
          onClick={() => download('compartilha-ucs.json', exportDirectory(ctx.chainId, ctx.community, dir), 'application/json')}
        >
          {m.members.exportDir}
        </button>
        <div>
          <label htmlFor="dir-import">{m.members.importDir}</label>
          <input id="dir-import" type="file" accept="application/json,.json" onChange={(e) => void onImport(e)} />
        </div>
      </div>
      {note && <p role="status">{note}</p>}
    </section>
  );
}

function MemberForm({
  ctx,
  dir,
  saveDir,
  member,
  onDone,
}: {
  ctx: ManageCtx;
  dir: Directory;
  saveDir: (d: Directory) => void;
  member?: MemberView;
  onDone?: () => void;
}) {
  const { m, lang } = useManageT();
  const inv = useInviteT();
  const send = useSend();
  const edit = member !== undefined;
  const [wallet, setWallet] = useState(member?.wallet ?? '');
  const [uc, setUc] = useState(member ? (ucOf(dir, member.wallet, member.ucCommitment) ?? '') : '');
  const [label, setLabel] = useState(member?.label ?? '');
  const [connection, setConnection] = useState(member?.connection ?? 0);
  const [share, setShare] = useState('0');
  const [touched, setTouched] = useState(false);
  const w = useConsoleWrite();
  const { busy, error } = w;
  const id = edit ? `edit-${member.id}` : 'add';
  /** A field's new value: the last send's error belongs to the old one. */
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      w.setError('');
    };

  const others = ctx.members.filter((x) => x.id !== member?.id).map((x) => x.wallet);
  const problems = checkMemberForm({ wallet, uc: edit && uc === '' ? '0' : uc, label }, others);
  // After the first close a new unit joins with no share: its share comes with the next filed table.
  const setup = ctx.d.lastClosed.cycle === 0;
  const shareParsed = parseSharePercent(setup ? share : '0');
  const ok = problems.length === 0 && (edit || shareParsed.ok);

  function submit() {
    setTouched(true);
    if (!ok) return;
    const addr = (edit ? member.wallet : noWallet(wallet) ? zeroAddress : wallet.trim()) as Address;
    let commitment: Hex = member?.ucCommitment ?? '0x';
    let salt: Hex | undefined;
    if (uc.trim() !== '') {
      const existing = dir[directoryKey(addr, commitment)];
      salt = existing && existing.uc === uc.trim() ? existing.salt : randomSalt();
      commitment = ucCommitment(salt, uc.trim());
    }
    const ppm = shareParsed.ok ? shareParsed.ppm : 0;
    const conn = m.connections[connection] ?? String(connection);
    const name = label.trim();
    const facts: [string, string][] = [
      [m.members.wallet, addr === zeroAddress ? inv.noWalletFact : addr],
      [m.members.uc, uc.trim() !== '' ? uc.trim() : edit ? m.review.ucKept : m.review.ucNone],
      [m.members.label, name],
      [m.members.connection, conn],
    ];
    if (!edit) facts.push([m.members.share, formatPpm(ppm, lang)]);
    w.ask({
      summary: edit ? m.review.update(member.label, name, conn) : setup ? m.review.add(name, conn, formatPpm(ppm, lang)) : m.review.addNoShare(name, conn),
      facts,
      send: async () => {
        const r = edit
          ? await send({
              chainId: ctx.chainId,
              address: ctx.community,
              functionName: 'updateMember',
              args: [member.id, commitment, connection, name],
              label: bothLangs((l) => manageDicts[l].members.txUpdate(name)),
            })
          : await send({
              chainId: ctx.chainId,
              address: ctx.community,
              functionName: 'addMember',
              args: [addr, commitment, connection, ppm, name],
              label: bothLangs((l) => manageDicts[l].members.txAdd(name)),
            });
        if (!r.ok) return r;
        if (salt) saveDir({ ...dir, [directoryKey(addr, commitment)]: { uc: uc.trim(), salt } });
        setTouched(false);
        if (!edit) {
          setWallet('');
          setUc('');
          setLabel('');
          setShare('0');
        }
        onDone?.();
        return r;
      },
    });
  }

  return (
    <form
      className="subcard"
      data-testid={edit ? 'member-edit-form' : 'member-add-form'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>{edit ? m.members.editHeading(member.label) : m.members.addHeading}</h3>
      <div className="review-form" hidden={!!w.review}>
        {!edit && (
          <div className="field">
            <label htmlFor={`${id}-wallet`}>{m.members.wallet}</label>
            <input
              id={`${id}-wallet`}
              value={wallet}
              onChange={(e) => change(setWallet)(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={`${id}-wallet-hint`}
            />
            <p className="muted" id={`${id}-wallet-hint`}>
              {inv.walletOptional}
            </p>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-uc`}>{m.members.ucNumber}</label>
          <input
            id={`${id}-uc`}
            value={uc}
            inputMode="numeric"
            onChange={(e) => change(setUc)(e.target.value)}
            autoComplete="off"
            aria-describedby={edit ? `${id}-uc-hint` : undefined}
          />
          {edit && (
            <p className="muted" id={`${id}-uc-hint`}>
              {m.members.ucKeep}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-label`}>{m.members.label}</label>
          <input id={`${id}-label`} value={label} onChange={(e) => change(setLabel)(e.target.value)} aria-describedby={`${id}-label-hint`} />
          <p className="muted" id={`${id}-label-hint`}>
            {m.members.labelHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-conn`}>{m.members.connection}</label>
          <select id={`${id}-conn`} value={connection} onChange={(e) => change(setConnection)(Number(e.target.value))}>
            {m.connections.map((c, i) => (
              <option key={i} value={i}>
                {c}
              </option>
            ))}
          </select>
        </div>
        {!edit && setup && (
          <TextField
            id={`${id}-share`}
            label={m.members.sharePct}
            value={share}
            inputMode="decimal"
            onChange={change(setShare)}
            invalid={touched && !shareParsed.ok}
            error={shareParsed.ok ? undefined : m.members.shareProblems[shareParsed.problem]}
          />
        )}
        {!edit && !setup && <p className="muted">{m.members.joinsWithoutShare}</p>}
        {touched && problems.length > 0 && (
          <ul className="error-text" role="alert" data-testid="member-form-errors">
            {problems.map((p) => (
              <li key={p}>{m.members.problems[p]}</li>
            ))}
          </ul>
        )}
        <WriteError error={error} />
        <div className="row">
          <ActionButton type="submit" unavailable={busy}>
            {busy ? m.sending : edit ? m.members.save : m.members.add}
          </ActionButton>
          {onDone && (
            <button type="button" className="secondary" onClick={onDone}>
              {m.cancel}
            </button>
          )}
        </div>
      </div>
      <ConsoleReview name={edit ? 'member-edit' : 'member-add'} w={w} />
    </form>
  );
}

/**
 * The plant shares. Before the first close they are the initial table and apply at once; after it a
 * new table is a proposal that is filed with the distributor and applies from a later cycle
 * (FileSchedule), so the cycle being read never changes.
 */
function SharesEditor({ ctx, dir }: { ctx: ManageCtx; dir: Directory }) {
  const { m, lang } = useManageT();
  const send = useSend();
  const w = useConsoleWrite();
  const { busy, error } = w;
  const setup = ctx.d.lastClosed.cycle === 0;
  const list = ctx.members.filter((x) => x.active);
  const [texts, setTexts] = useState<Record<number, string>>(() => Object.fromEntries(list.map((x) => [x.id, ppmToPercentInput(x.sharePpm, lang)])));
  const values = list.map((x) => texts[x.id] ?? ppmToPercentInput(x.sharePpm, lang));
  const check = checkShares(values);
  const sum = formatPpm(check.sumPpm, lang);
  const why = check.invalid.length ? m.members.sharesInvalid : check.ok ? '' : m.members.sumNot100(sum);
  const ppms = values.map((v) => {
    const p = parseSharePercent(v);
    return p.ok ? p.ppm : 0;
  });
  const proposed = new Map(list.map((x, i) => [x.id, ppms[i] ?? 0]));
  const csvRows = list.map((x, i) => ({ uc: ucOf(dir, x.wallet, x.ucCommitment) ?? '', label: x.label, ppm: ppms[i] ?? 0 }));
  const csv = allocationCsv(csvRows);
  const lacksUcs = ucProblem(csvRows, Object.keys(dir).length) !== null;

  function submit() {
    if (!check.ok) return;
    w.ask({
      summary: m.review.shares(list.length),
      facts: list.map((x, i) => [x.label, formatPpm(ppms[i] ?? 0, lang)] as const),
      send: () =>
        send({
          chainId: ctx.chainId,
          address: ctx.community,
          functionName: 'setShares',
          args: [list.map((x) => x.id), ppms],
          label: bothLangs((l) => manageDicts[l].members.txShares),
        }),
    });
  }

  return (
    <div className="subcard" data-testid="shares-editor">
      <h3>{m.members.sharesHeading}</h3>
      <p className="muted">{m.members.sharesIntro}</p>
      {list.map((x, i) => {
        const p = parseSharePercent(values[i] ?? '');
        return (
          <div className="field inline" key={x.id}>
            <label htmlFor={`share-${x.id}`}>{x.label} (%)</label>
            <input
              id={`share-${x.id}`}
              inputMode="decimal"
              value={values[i]}
              onChange={(e) => {
                setTexts({ ...texts, [x.id]: e.target.value });
                w.back(); // a review of other values no longer holds
                w.setError('');
              }}
              aria-invalid={!p.ok}
              aria-describedby={p.ok ? undefined : `share-${x.id}-error`}
            />
            {!p.ok && (
              <span className="error-text" id={`share-${x.id}-error`}>
                {m.members.shareProblems[p.problem]}
              </span>
            )}
          </div>
        );
      })}
      <p data-testid="shares-sum" aria-live="polite" className={check.ok ? '' : 'error-text'}>
        {m.members.sum(sum)}
      </p>
      {why && (
        <p className="muted" id="shares-why">
          {why}
        </p>
      )}
      {setup ? (
        <>
          <p className="muted">{m.schedule.setupNote}</p>
          <WriteError error={error} />
          <ActionButton
            type="button"
            data-testid="shares-send"
            hidden={!!w.review}
            unavailable={!check.ok || busy}
            aria-describedby={why ? 'shares-why' : undefined}
            onClick={submit}
          >
            {busy ? m.sending : m.members.sendShares}
          </ActionButton>
          <ConsoleReview name="shares" w={w} />
        </>
      ) : (
        <FileSchedule ctx={ctx} proposed={proposed} csv={csv} name={`partes-${ctx.d.openCycle}`} lacksUcs={lacksUcs} />
      )}
    </div>
  );
}
