import { bothLangs } from '../../../lib/tx/store.ts';
import { WriteError } from '../../../components/FormOutcome.tsx';
import { useState } from 'react';
import { useConfig } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { communityAbi } from '../../../../contracts-abi/abis.ts';
import { formatCycle, formatKwh } from '../../../lib/format.ts';
import { useExpiringWh, useOpenCycleReadings, type ManageCtx } from '../data.ts';
import { manageDicts, useManageT } from '../dict.ts';
import { batchSize, useSend } from '../useSend.ts';
import { ActionButton } from '../../../components/ActionButton.tsx';
import { ConsoleReview, useConsoleWrite } from '../ConsoleReview.tsx';

export function CloseSection({ ctx }: { ctx: ManageCtx }) {
  const { m, lang } = useManageT();
  const config = useConfig();
  const send = useSend();
  const cycle = ctx.d.openCycle;
  const onchain = useOpenCycleReadings(ctx);
  const active = ctx.members.filter((x) => x.active);
  const expiring = useExpiringWh(ctx);
  const w = useConsoleWrite();
  const { busy, error } = w;
  const [doneCycle, setDoneCycle] = useState(0);
  const [batches, setBatches] = useState(0);
  const interrupted = !busy && error !== '';

  const gen = onchain.data?.generationWh ?? 0n;
  const readings = onchain.data?.readings ?? new Map<number, bigint>();
  const consumption = active.reduce((a, x) => a + (readings.get(x.id) ?? 0n), 0n);
  const missing = active.filter((x) => !readings.has(x.id));
  const deficits = active.filter((x) => (readings.get(x.id) ?? 0n) > (gen * BigInt(x.sharePpm)) / 1_000_000n);
  const size = batchSize();
  const totalBatches = Math.max(1, Math.ceil(active.length / size));

  // One batch per transaction until the contract says the cycle is closed; a failed batch stops
  // the flow, and the button resumes from the contract's cursor.
  const flow = async () => {
    for (let i = batches; ; i++) {
      const r = await send({
        chainId: ctx.chainId,
        address: ctx.community,
        functionName: 'closeCycle',
        args: [cycle, size],
        label: bothLangs((l) => manageDicts[l].close.txBatch(formatCycle(cycle), i + 1)),
      });
      if (!r.ok) return r;
      setBatches(i + 1);
      const open = await readContract(config, { chainId: ctx.chainId, address: ctx.community, abi: communityAbi, functionName: 'openCycle' });
      if (r.result === true || open !== cycle) break;
    }
    setDoneCycle(cycle);
    setBatches(0);
    return { ok: true } as const;
  };
  // One review for the whole close; its batches then run one after the other.
  const onClose = () =>
    w.ask({
      summary: m.review.close(formatCycle(cycle), formatKwh(gen, lang), formatKwh(consumption, lang), active.length),
      facts: [
        [m.close.deficits, deficits.length ? deficits.map((x) => x.label).join(', ') : m.close.none],
        [m.close.expiring, expiring.data === undefined ? '…' : formatKwh(expiring.data, lang)],
        [m.review.signatures, String(Math.max(1, totalBatches - batches))],
      ],
      send: flow,
    });

  return (
    <section className="card" aria-labelledby="close-heading" id="close">
      {doneCycle !== 0 && (
        <p role="status" className="success" data-testid="close-done">
          {m.close.done(formatCycle(doneCycle))}
        </p>
      )}
      <h2 id="close-heading">{m.close.heading(formatCycle(cycle))}</h2>
      <p>{m.close.intro}</p>
      <dl className="facts" data-testid="close-summary">
        <div>
          <dt>{m.close.generation}</dt>
          <dd data-testid="close-generation">{formatKwh(gen, lang)}</dd>
        </div>
        <div>
          <dt>{m.close.consumption}</dt>
          <dd data-testid="close-consumption">{formatKwh(consumption, lang)}</dd>
        </div>
        <div>
          <dt>{m.close.deficits}</dt>
          <dd data-testid="close-deficits">{deficits.length ? deficits.map((x) => x.label).join(', ') : m.close.none}</dd>
        </div>
        <div>
          <dt>{m.close.expiring}</dt>
          <dd data-testid="close-expiring">{expiring.data === undefined ? '…' : formatKwh(expiring.data, lang)}</dd>
        </div>
      </dl>
      {missing.length > 0 && <p className="muted">{m.close.missing(missing.length)}</p>}
      {(busy || interrupted) && (
        <progress
          className="close-progress"
          max={totalBatches}
          value={Math.min(batches, totalBatches)}
          aria-label={m.readings.progress}
          data-testid="close-progress"
        />
      )}
      <WriteError error={error} />
      <ActionButton
        type="button"
        data-testid="close-send"
        hidden={!!w.review}
        unavailable={busy || missing.length > 0 || gen === 0n || onchain.isPending}
        onClick={onClose}
      >
        {busy ? m.sending : interrupted || ctx.d.closing ? m.close.resume : m.close.send}
      </ActionButton>
      <ConsoleReview name="close" w={w} />
    </section>
  );
}
