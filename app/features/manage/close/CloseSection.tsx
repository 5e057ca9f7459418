import { WriteError } from '../../../components/FormOutcome.tsx';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useConfig } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { communityAbi } from '../../../../contracts-abi/abis.ts';
import { formatCycle, formatKwh } from '../../../lib/format.ts';
import { useOpenCycleReadings, useRefresh, type ManageCtx } from '../data.ts';
import { useManageT } from '../dict.ts';
import { batchSize, useSend } from '../useSend.ts';
import { ActionButton } from '../../../components/ActionButton.tsx';
import { useWrite } from '../../../lib/tx/useWrite.ts';

export function CloseSection({ ctx }: { ctx: ManageCtx }) {
  const { m, lang } = useManageT();
  const config = useConfig();
  const send = useSend();
  const refresh = useRefresh();
  const cycle = ctx.d.openCycle;
  const onchain = useOpenCycleReadings(ctx);
  const active = ctx.members.filter((x) => x.active);
  const expiring = useQuery({
    queryKey: ['manage', 'expiring', ctx.chainId, ctx.community, cycle, active.length],
    queryFn: async () => {
      let total = 0n;
      for (const x of active) {
        const lots = await readContract(config, { chainId: ctx.chainId, address: ctx.community, abi: communityAbi, functionName: 'lotsOf', args: [x.id] });
        for (const l of lots) if (l.expiryCycle <= cycle) total += l.amountWh;
      }
      return total;
    },
  });
  const { run, busy, error } = useWrite(refresh);
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
  const onClose = () =>
    run(async () => {
      for (let i = batches; ; i++) {
        const r = await send({
          chainId: ctx.chainId,
          address: ctx.community,
          functionName: 'closeCycle',
          args: [cycle, size],
          label: m.close.txBatch(formatCycle(cycle), i + 1),
        });
        if (!r.ok) return r;
        setBatches(i + 1);
        const open = await readContract(config, { chainId: ctx.chainId, address: ctx.community, abi: communityAbi, functionName: 'openCycle' });
        if (r.result === true || open !== cycle) break;
      }
      setDoneCycle(cycle);
      setBatches(0);
      return { ok: true };
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
        unavailable={busy || missing.length > 0 || gen === 0n || onchain.isPending}
        onClick={() => void onClose()}
      >
        {busy ? m.sending : interrupted || ctx.d.closing ? m.close.resume : m.close.send}
      </ActionButton>
    </section>
  );
}
