import { describe, expect, it } from 'vitest';
import { bothLangs, txText } from './store.ts';
import { tradeDicts } from '../trade-dict.ts';
import { formatKwh } from '../format.ts';
import { formatPricePerKwh } from '../money.ts';

describe('transaction words in both languages', () => {
  const token = { symbol: 'dBRL', decimals: 18 };
  const label = bothLangs((l) => tradeDicts[l].market.sellLabel(formatKwh(1_000n, l), formatPricePerKwh(7n * 10n ** 17n, token, l)));
  it('a label stored at send time reads in the language on screen', () => {
    expect(txText(label, 'pt-BR')).toBe('Venda de 1 kWh a R$ 0,70/kWh');
    expect(txText(label, 'en')).toBe('Sell 1 kWh at R$0.70/kWh');
  });
  it('a plain string (an older row, or a caller that gives one) is shown as it is', () => {
    expect(txText('Leituras 1–200', 'en')).toBe('Leituras 1–200');
  });
  it('survives the JSON round trip of localStorage', () => {
    expect(txText(JSON.parse(JSON.stringify(label)) as typeof label, 'en')).toBe('Sell 1 kWh at R$0.70/kWh');
  });
  it('orders are named in full', () => {
    expect(tradeDicts['pt-BR'].market.orderName(true, '1')).toBe('Ordem de venda nº 1');
    expect(tradeDicts.en.market.orderName(true, '1')).toBe('Sell order #1');
    expect(tradeDicts.en.market.orderName(false, '2')).toBe('Buy order #2');
  });
});
