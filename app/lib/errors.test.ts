import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  HttpRequestError,
  UserRejectedRequestError,
  encodeErrorResult,
  type AbiParameter,
} from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { communityAbi, communityRegistryAbi } from '../../contracts-abi/abis.ts';
import { marketErrorsAbi } from '../features/market/abi.ts';
import '../features/market/errorSentences.ts';
import { decodeError, describeError, sentenceFor } from './errors.ts';
import { loadDictionary } from './i18n.ts';

// English loads on demand in the app (app/lib/lang-en.ts), as here.
beforeAll(() => loadDictionary('en'));

// The market's (and its payment token's) errors: decoded with the ABI the market screen passes.
const abi = [...communityAbi, ...communityRegistryAbi, ...marketErrorsAbi];
const errorFragments = abi.filter((x) => x.type === 'error');

function sampleArg(p: AbiParameter, i: number): unknown {
  if (p.type === 'address') return '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  if (p.name === 'cycle' || p.name === 'given') return 202610;
  if (p.name === 'expected') return 202611;
  if (p.type.startsWith('uint')) return Number(p.type.slice(4)) > 48 ? BigInt(1000 + i) * 1000n : 7 + i;
  if (p.type === 'bytes32') return `0x${'ab'.repeat(32)}`;
  if (p.type === 'string') return 'texto';
  throw new Error(`no sample for ${p.type}`);
}

function revert(name: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: errorFragments, errorName: name, args } as Parameters<typeof encodeErrorResult>[0]);
  return new ContractFunctionRevertedError({ abi: errorFragments, data, functionName: 'closeCycle' });
}

describe('decodeError: custom errors', () => {
  it('covers every error of the ABIs in both languages', () => {
    for (const e of errorFragments) {
      expect(sentenceFor(e.name, 'pt-BR'), e.name).toBeTypeOf('function');
      expect(sentenceFor(e.name, 'en'), e.name).toBeTypeOf('function');
    }
  });

  for (const e of errorFragments) {
    it(`${e.name} → a sentence with its arguments`, () => {
      const args = e.inputs.map(sampleArg);
      const err = revert(e.name, args);
      const d = decodeError(err);
      expect(d).toMatchObject({ kind: 'contract', name: e.name });
      const pt = describeError(err, 'pt-BR');
      const en = describeError(err, 'en');
      expect(pt).not.toMatch(/Algo deu errado/);
      expect(en).not.toMatch(/Something went wrong/);
      expect(pt).not.toBe(en);
      expect(pt).toMatch(/\.$/);
      if (e.inputs.some((p) => p.type === 'address')) expect(pt).toContain('0x7099');
    });
  }

  it('WrongCycle reads naturally, also when wrapped by viem', () => {
    const wrapped = new ContractFunctionExecutionError(revert('WrongCycle', [202610, 202611]), {
      abi: communityAbi,
      functionName: 'postGeneration',
      args: [202610, 1000n],
    });
    expect(describeError(wrapped, 'pt-BR')).toBe('Este mês (10/2026) não é o ciclo aberto: o ciclo aberto é 11/2026.');
    expect(describeError(wrapped, 'en')).toBe('This month (10/2026) is not the open cycle: the open cycle is 11/2026.');
  });

  it('formats kWh arguments', () => {
    const err = revert('AdjustmentExceedsBalance', [3, 120_500n, 200_000n]);
    expect(describeError(err, 'pt-BR')).toBe('Não dá para retirar 200 kWh do membro nº 3: o saldo é 120,5 kWh.');
  });

  it('decodes raw revert data carried by a wallet error', () => {
    const data = encodeErrorResult({ abi: errorFragments, errorName: 'NothingClosedYet' });
    expect(decodeError({ code: 3, message: 'execution reverted', data })).toEqual({ kind: 'contract', name: 'NothingClosedYet', args: [] });
  });

  it('unknown error selector → generic sentence with the raw name', () => {
    const err = new ContractFunctionRevertedError({ abi: errorFragments, data: '0xdeadbeef', functionName: 'x' });
    const d = decodeError(err);
    expect(d.kind).toBe('unknown');
    expect(describeError(err, 'pt-BR')).toMatch(/^Algo deu errado \(.+\)\. Nada foi alterado\.$/);
  });
});

describe('decodeError: wallet and network', () => {
  it('user rejection (4001)', () => {
    expect(describeError(new UserRejectedRequestError(new Error('User denied')), 'pt-BR')).toBe('Você recusou a assinatura na carteira. Nada foi enviado.');
    expect(decodeError({ code: 4001, message: 'User rejected the request.' })).toEqual({ kind: 'rejected' });
    expect(decodeError(new BaseError('wrapped', { cause: Object.assign(new Error('x'), { code: 4001 }) }))).toEqual({ kind: 'rejected' });
    expect(describeError({ code: 4001 }, 'en')).toBe('You declined the signature in your wallet. Nothing was sent.');
  });

  it('network failure', () => {
    const err = new HttpRequestError({ url: 'http://127.0.0.1:8545', cause: new TypeError('fetch failed') });
    expect(decodeError(err)).toEqual({ kind: 'network' });
    expect(describeError(err, 'pt-BR')).toMatch(/^Não foi possível falar com a rede/);
    expect(decodeError(new TypeError('Failed to fetch'))).toEqual({ kind: 'network' });
  });

  it('no contract at the address', () => {
    const err = new ContractFunctionZeroDataError({ functionName: 'dashboardOf' });
    expect(decodeError(new BaseError('read failed', { cause: err }))).toEqual({ kind: 'noContract' });
    expect(describeError(err, 'pt-BR')).toMatch(/^Não há uma comunidade/);
  });

  it('anything else → unknown with its name', () => {
    expect(describeError(new RangeError('boom'), 'pt-BR')).toBe('Algo deu errado (RangeError). Nada foi alterado.');
    expect(describeError(new RangeError('boom'), 'en')).toBe('Something went wrong (RangeError). Nothing was changed.');
  });
});
