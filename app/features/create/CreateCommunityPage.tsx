import { useState } from 'react';
import { erc20Abi, parseEventLogs, type Address } from 'viem';
import { useConfig, useConnection } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { Link, useLocation } from 'wouter';
import { communityRegistryAbi } from '../../../contracts-abi/abis.ts';
import { TextField } from '../../components/TextField.tsx';
import { fieldProblem } from '../../lib/a11y.ts';
import { FormOutcome } from '../../components/FormOutcome.tsx';
import { Loading } from '../../components/Status.tsx';
import { chains, deploymentOf } from '../../lib/chains.ts';
import { formatCycle, formatKwp, formatPpm, formatTariff } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.ts';
import { sendContractTx } from '../../lib/tx/send.ts';
import { useWrite } from '../../lib/tx/useWrite.ts';
import { ConnectScreen } from '../../wallet/ConnectScreen.tsx';
import { NetworkBanner } from '../../wallet/NetworkBanner.tsx';
import {
  checkCommunityForm,
  defaultCommunityForm,
  type CommunityArgs,
  type CommunityField,
  type CommunityFormInput,
  type CommunityProblem,
} from './communityForm.ts';
import { createDicts, useCreateT, type CreateDict } from './dict.ts';
import { bothLangs } from '../../lib/tx/store.ts';
import { Regime, TradingPolicy } from '../../../contracts-abi/abis.ts';

/** "Criar comunidade": a guided form, a review, then one transaction; the creator lands in the console. */
export default function CreateCommunityPage() {
  const { status, address, chainId } = useConnection();
  const { c } = useCreateT();
  if (status === 'reconnecting' && !address) return <Loading />;
  if (status !== 'connected' || !address) {
    return (
      <div className="stack">
        <p className="notice card">{c.connectFirst}</p>
        <ConnectScreen />
      </div>
    );
  }
  const target = deploymentOf(chainId) ? chainId! : chains[0].id;
  return <CreateForm chainId={target} account={address} />;
}

type Problems = Partial<Record<CommunityField, CommunityProblem>>;

function CreateForm({ chainId, account }: { chainId: number; account: Address }) {
  const { c, lang } = useCreateT();
  const { t } = useI18n();
  const config = useConfig();
  const [, navigate] = useLocation();
  const [form, setForm] = useState<CommunityFormInput>(() => defaultCommunityForm(new Date()));
  const [problems, setProblems] = useState<Problems>({});
  const [review, setReview] = useState<{ args: CommunityArgs; warnings: string[]; tokenSymbol?: string } | null>(null);
  const [checking, setChecking] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const write = useWrite();
  const busy = checking || write.busy;
  const error = formError ?? (write.error || null);
  const deployment = deploymentOf(chainId);
  const chainName = chains.find((x) => x.id === chainId)?.name ?? String(chainId);

  const set = <K extends keyof CommunityFormInput>(key: K, value: CommunityFormInput[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    // A corrected field loses its error at once.
    setProblems((p) => {
      const { [key as CommunityField]: _gone, ...rest } = p;
      return rest;
    });
  };

  const toReview = async () => {
    setFormError(null);
    write.setError('');
    const check = checkCommunityForm(form, lang, new Date());
    if (!check.ok) {
      setProblems(check.problems);
      setFormError(c.fix);
      return;
    }
    setProblems({});
    let tokenSymbol: string | undefined;
    if (check.args.settings.tradingPolicy === TradingPolicy.PricedOrders) {
      setChecking(true);
      try {
        tokenSymbol = await readContract(config, { address: check.args.settings.paymentToken, abi: erc20Abi, functionName: 'symbol', chainId });
        await readContract(config, { address: check.args.settings.paymentToken, abi: erc20Abi, functionName: 'decimals', chainId });
      } catch {
        setChecking(false);
        setProblems({ paymentToken: { code: 'tokenMalformed' } });
        setFormError(c.tokenNotErc20);
        return;
      }
      setChecking(false);
    }
    setReview({ args: check.args, warnings: check.warnings.map(() => c.warn3MW), tokenSymbol });
  };

  const create = async (args: CommunityArgs) => {
    if (!deployment || busy) return;
    setFormError(null);
    await write.run(async () => {
      const tx = {
        chainId,
        address: deployment.registry,
        abi: communityRegistryAbi,
        functionName: 'createCommunity',
        args: [args.settings, args.fioBSchedule, args.firstCycle],
        label: bothLangs((l) => createDicts[l].tx(args.settings.name)),
      } as const;
      const outcome = await sendContractTx(config, tx, lang);
      if (!outcome.ok) return outcome;
      const created = parseEventLogs({ abi: communityRegistryAbi, eventName: 'CommunityCreated', logs: outcome.receipt.logs })[0];
      if (!created) return { ok: false, message: c.noAddress };
      setDone(c.created);
      navigate(`/c/${chainId}/${created.args.community}/manage`);
      return { ok: true };
    });
  };

  if (review) {
    return (
      <div className="stack">
        <NetworkBanner expectedChainId={chainId} />
        <Review c={c} lang={lang} args={review.args} account={account} warnings={review.warnings} tokenSymbol={review.tokenSymbol} />
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            void create(review.args);
          }}
        >
          <FormOutcome name="create" error={error} done={done} busy={busy} submit={c.confirm} sending={c.sending} />
          <button type="button" className="secondary" data-testid="create-back" onClick={() => setReview(null)} aria-disabled={busy}>
            {c.back}
          </button>
        </form>
      </div>
    );
  }

  // The shared field shows its own error; its ids stay `<field>-error` / `create-<field>-hint`.
  const fieldOf = (name: CommunityField) => {
    const p = problems[name];
    return { invalid: p !== undefined, errorId: `${name}-error`, error: p ? c.problem(p, name) : undefined };
  };

  return (
    <div className="stack">
      <NetworkBanner expectedChainId={chainId} />
      <Link href="/" className="back-link">
        ← {t.dashboard.back}
      </Link>
      <form
        className="card stack"
        aria-labelledby="create-heading"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void toReview();
        }}
      >
        <h1 id="create-heading">{c.heading}</h1>
        <p>{c.intro}</p>
        <p className="muted">{c.network(chainName)}</p>
        <TextField id="create-name" label={c.name} hint={c.nameHint} value={form.name} onChange={(v) => set('name', v)} {...fieldOf('name')} />
        <TextField
          id="create-distributor"
          label={c.distributor}
          hint={c.distributorHint}
          value={form.distributor}
          onChange={(v) => set('distributor', v)}
          {...fieldOf('distributor')}
        />
        <TextField
          id="create-plantKwp"
          label={c.plantKwp}
          hint={c.plantHint}
          value={form.plantKwp}
          inputMode="decimal"
          onChange={(v) => set('plantKwp', v)}
          {...fieldOf('plantKwp')}
        />
        <fieldset className="choices">
          <legend>{c.regime}</legend>
          <p className="muted" id="regime-help">
            {c.regimeHelp}
          </p>
          {(['GD_I', 'GD_II'] as const).map((r) => (
            <label key={r} className="choice">
              <input type="radio" name="regime" value={r} checked={form.regime === r} onChange={() => set('regime', r)} aria-describedby="regime-help" />
              {r === 'GD_I' ? c.regimeGD1 : c.regimeGD2}
            </label>
          ))}
        </fieldset>
        <TextField
          id="create-fullTariff"
          label={c.fullTariff}
          hint={c.fullHint}
          value={form.fullTariff}
          inputMode="decimal"
          onChange={(v) => set('fullTariff', v)}
          {...fieldOf('fullTariff')}
        />
        <TextField
          id="create-fioBTariff"
          label={c.fioBTariff}
          hint={c.fioBHint}
          value={form.fioBTariff}
          inputMode="decimal"
          onChange={(v) => set('fioBTariff', v)}
          {...fieldOf('fioBTariff')}
        />
        {form.regime === 'GD_II' && (
          <fieldset className="choices">
            <legend>{c.schedule}</legend>
            <div className="row wrap">
              {form.fioBSchedule.map((step, i) => (
                <div className="field inline" key={step.year}>
                  <label htmlFor={`fiob-${step.year}`}>{c.scheduleYear(step.year)}</label>
                  <input
                    id={`fiob-${step.year}`}
                    inputMode="decimal"
                    value={step.percent}
                    onChange={(e) =>
                      set(
                        'fioBSchedule',
                        form.fioBSchedule.map((s, j) => (j === i ? { ...s, percent: e.target.value } : s)),
                      )
                    }
                    {...fieldProblem(problems.fioBSchedule !== undefined, 'fioBSchedule-error')}
                  />
                </div>
              ))}
            </div>
            {problems.fioBSchedule !== undefined && (
              <p className="error-text" id="fioBSchedule-error" data-testid="fioBSchedule-error">
                {c.problem(problems.fioBSchedule, 'fioBSchedule')}
              </p>
            )}
          </fieldset>
        )}
        <TextField
          id="create-firstCycle"
          label={c.firstCycle}
          hint={c.firstCycleHint}
          value={form.firstCycle}
          inputMode="numeric"
          onChange={(v) => set('firstCycle', v)}
          {...fieldOf('firstCycle')}
        />
        <fieldset className="choices">
          <legend>{c.trading}</legend>
          <p className="muted" id="trading-help">
            {c.tradingHelp}
          </p>
          {(['donations', 'priced'] as const).map((p) => (
            <label key={p} className="choice">
              <input
                type="radio"
                name="trading"
                value={p}
                checked={form.tradingPolicy === p}
                onChange={() => set('tradingPolicy', p)}
                aria-describedby="trading-help"
              />
              {p === 'donations' ? c.tradingDonations : c.tradingPriced}
            </label>
          ))}
        </fieldset>
        {form.tradingPolicy === 'priced' && (
          <TextField
            id="create-paymentToken"
            label={c.token}
            hint={c.tokenHint}
            value={form.paymentToken}
            onChange={(v) => set('paymentToken', v)}
            {...fieldOf('paymentToken')}
          />
        )}
        <FormOutcome name="create-form" error={error} busy={busy} submit={c.review} sending={c.checking} />
      </form>
    </div>
  );
}

function Review({
  c,
  lang,
  args,
  account,
  warnings,
  tokenSymbol,
}: {
  c: CreateDict;
  lang: 'pt-BR' | 'en';
  args: CommunityArgs;
  account: Address;
  warnings: string[];
  tokenSymbol?: string;
}) {
  const s = args.settings;
  const rows: [string, string][] = [
    [c.rows.name, s.name],
    [c.rows.distributor, s.distributor],
    [c.rows.plant, formatKwp(s.plantCapacityW, lang)],
    [c.rows.regime, c.regimeShort[s.regime] ?? ''],
    [c.rows.full, formatTariff(s.fullTariffMicroBrlPerKwh, lang)],
    [c.rows.fioB, formatTariff(s.fioBMicroBrlPerKwh, lang)],
    ...(s.regime === Regime.GD_II
      ? ([[c.rows.schedule, args.fioBSchedule.map((x) => `${x.year}: ${formatPpm(x.sharePpm, lang)}`).join(' · ')]] as [string, string][])
      : []),
    [c.rows.firstCycle, formatCycle(args.firstCycle)],
    [c.rows.trading, s.tradingPolicy === TradingPolicy.PricedOrders ? c.tradingPriced : c.tradingDonations],
    ...(s.tradingPolicy === TradingPolicy.PricedOrders ? ([[c.rows.token, `${tokenSymbol ?? ''} ${s.paymentToken}`]] as [string, string][]) : []),
    [c.rows.manager, account],
  ];
  return (
    <section className="card" aria-labelledby="create-review-heading" data-testid="create-review">
      <h1 id="create-review-heading" tabIndex={-1}>
        {c.reviewHeading}
      </h1>
      <p>{c.reviewIntro}</p>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {warnings.map((w) => (
        <p key={w} className="notice">
          {w}
        </p>
      ))}
    </section>
  );
}
