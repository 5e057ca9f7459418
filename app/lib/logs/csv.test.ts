import { describe, expect, it } from 'vitest';
import { csvField, csvKwh, csvMoney, historyCsv } from './csv.ts';
import type { HistoryRow } from './rows.ts';

const labels = { header: ['Bloco', 'Transação', 'Tipo', 'Ciclo', 'kWh', 'Saldo (kWh)', 'Valor', 'Contraparte', 'Detalhe'], kind: (k: string) => `K:${k}` };
const tx = '0xabc' as const;
const rows: HistoryRow[] = [
  { id: 'b', kind: 'donation-out', block: 20, logIndex: 0, txHash: tx, cycle: 202611, amountWh: '-1234500', counterpartyId: 2 },
  { id: 'a', kind: 'settled', block: 10, logIndex: 0, txHash: tx, cycle: 202610, amountWh: '220000', balanceWh: '1000250' },
  { id: 'c', kind: 'joined', block: 2, logIndex: 0, txHash: tx, label: 'Apto "101"; bloco B', sharePpm: 200000 },
];

describe('historyCsv', () => {
  it('pt-BR: header, semicolons, decimal comma, one line per row', () => {
    const csv = historyCsv(rows, 'pt-BR', labels);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('Bloco;Transação;Tipo;Ciclo;kWh;Saldo (kWh);Valor;Contraparte;Detalhe');
    expect(lines[1]).toBe('20;0xabc;K:donation-out;11/2026;-1234,5;;;2;');
    expect(lines[2]).toBe('10;0xabc;K:settled;10/2026;220;1000,25;;;');
    expect(lines[3]).toBe('2;0xabc;K:joined;;;;;;"Apto ""101""; bloco B"');
  });
  it('en: commas and decimal point', () => {
    const lines = historyCsv(rows, 'en', labels).trimEnd().split('\r\n');
    expect(lines[1]).toBe('20,0xabc,K:donation-out,11/2026,-1234.5,,,2,');
  });
  it('market rows: the money, the counterparty by name and the order in words', () => {
    const market: HistoryRow[] = [
      { id: 'w', kind: 'withdrawn', block: 31, logIndex: 0, txHash: tx, tokenAmount: '27000000000000000000' },
      {
        id: 'f',
        kind: 'order-filled',
        block: 30,
        logIndex: 0,
        txHash: tx,
        cycle: 202611,
        orderId: '1',
        side: 'sell',
        amountWh: '-60000',
        tokenAmount: '27000000000000000000',
        counterpartyId: 5,
      },
    ];
    const named = {
      ...labels,
      counterparty: (id: number) => (id === 5 ? 'Apto 102' : `membro nº ${id}`),
      order: (s?: string, id?: string) => `${s === 'sell' ? 'venda' : 'compra'} nº ${id}`,
      tokenDecimals: 18,
    };
    const lines = historyCsv(market, 'pt-BR', named).trimEnd().split('\r\n');
    expect(lines[1]).toBe('31;0xabc;K:withdrawn;;;;27,00;;');
    expect(lines[2]).toBe('30;0xabc;K:order-filled;11/2026;-60;;27,00;Apto 102;venda nº 1');
    // Without the token's decimals the money is left empty rather than printed in base units.
    expect(historyCsv(market, 'pt-BR', labels).split('\r\n')[1]).toBe('31;0xabc;K:withdrawn;;;;;;');
  });
  it('money without grouping, at least two decimals', () => {
    expect(csvMoney('27000000000000000000', 18, 'pt-BR')).toBe('27,00');
    expect(csvMoney('455000000000000000', 18, 'en')).toBe('0.455');
    expect(csvMoney('1234567890', 6, 'pt-BR')).toBe('1234,56789');
    expect(csvMoney('5', undefined, 'en')).toBe('');
  });
  it('a pool assignment carries its reason in plain words in the detail column', () => {
    const pool: HistoryRow[] = [
      { id: 'p', kind: 'pool-assigned', block: 30, logIndex: 0, txHash: tx, cycle: 202611, amountWh: '50000', reason: 'social-tariff' },
    ];
    expect(historyCsv(pool, 'pt-BR', labels).split('\r\n')[1]).toBe('30;0xabc;K:pool-assigned;11/2026;50;;;;motivo: tarifa social');
    expect(historyCsv([{ ...pool[0]!, reason: 'unknown' }], 'en', labels).split('\r\n')[1]).toBe(
      '30,0xabc,K:pool-assigned,11/2026,50,,,,reason recorded by the manager',
    );
  });
  it('an adjustment carries its reason in plain words and the manager in the detail column', () => {
    const adj: HistoryRow[] = [
      {
        id: 'd',
        kind: 'adjusted',
        block: 30,
        logIndex: 0,
        txHash: tx,
        cycle: 202611,
        amountWh: '-5000',
        balanceWh: '995000',
        adjustReason: 'bill-balance',
        by: '0xAa',
      },
    ];
    expect(historyCsv(adj, 'pt-BR', labels).split('\r\n')[1]).toBe(
      '30;0xabc;K:adjusted;11/2026;-5;995;;;motivo: saldo de créditos da fatura da distribuidora · 0xAa',
    );
    expect(historyCsv([{ ...adj[0]!, adjustReason: 'unknown' as const }], 'en', labels).split('\r\n')[1]).toMatch(
      /,reason recorded by the manager \(not in the list\) · 0xAa$/,
    );
  });
  it('formats kWh without grouping', () => {
    expect(csvKwh('1234567', 'pt-BR')).toBe('1234,567');
    expect(csvKwh('-1000', 'en')).toBe('-1');
    expect(csvKwh(undefined, 'en')).toBe('');
  });
  it('quotes separators, quotes and newlines; defuses formulas', () => {
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('a\nb', ';')).toBe('"a\nb"');
    expect(csvField('=HYPERLINK("x")', ',')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-12,5', ';')).toBe('-12,5');
  });
});
