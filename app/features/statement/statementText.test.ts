import { describe, expect, it } from 'vitest';
import { formatTariff, sharePpmOf, statementLines, type StatementInput } from './statementText.ts';

// domain.md §6, GD II, unit A (three-phase, minimum 100 kWh), 10/2026: 3,600 kWh generated, 20 %.
const unitA: StatementInput = {
  cycle: 202610,
  generatedWh: 3_600_000n,
  regime: 1,
  connection: 2,
  fullTariffMicroBrlPerKwh: 800_000n,
  fioBMicroBrlPerKwh: 280_000n,
  fioBSharePpm: 600_000,
  s: {
    allocatedWh: 720_000n,
    consumedWh: 500_000n,
    compensatedWh: 500_000n,
    billedWh: 0n,
    createdWh: 220_000n,
    usedFromLotsWh: 0n,
    expiredWh: 0n,
    balanceWh: 220_000n,
    minimumWh: 100_000n,
    minimumApplied: false,
    fioBMicroBrl: 84_000_000n,
    billMicroBrl: 84_000_000n,
    noSolarBillMicroBrl: 400_000_000n,
  },
};

const byId = (lines: { id: string; text: string }[]) => Object.fromEntries(lines.map((l) => [l.id, l.text.replace(/\u00a0/g, ' ')]));

describe('statementLines (domain.md §6 unit A, GD II)', () => {
  const pt = byId(statementLines(unitA, 'pt-BR'));
  it('walks the bill in Portuguese with the ledger figures', () => {
    expect(pt.generated).toContain('10/2026');
    expect(pt.generated).toContain('3.600 kWh');
    expect(pt.share).toContain('20 %');
    expect(pt.allocated).toContain('720 kWh');
    expect(pt.consumed).toContain('500 kWh');
    expect(pt.compensated).toContain('Foram compensados 500 kWh');
    expect(pt.compensated).toContain('primeiro 500 kWh da energia deste mês, depois 0 kWh de créditos antigos');
    expect(pt.minimum).toContain('trifásica: 100 kWh');
    expect(pt.minimum).toContain('Não se aplicou');
    expect(pt.fiob).toContain('60 %');
    expect(pt.fiob).toContain('R$ 0,168 por kWh compensado');
    expect(pt.fiob).toContain('R$ 84,00');
    expect(pt.bill).toContain('0 kWh faturados × R$ 0,80 = R$ 0,00 + Fio B R$ 84,00 = R$ 84,00');
    expect(pt.savings).toContain('R$ 400,00 − R$ 84,00 = R$ 316,00');
    expect(pt.balance).toContain('220 kWh criados');
  });
  it('and in English', () => {
    const en = byId(statementLines(unitA, 'en'));
    expect(en.allocated).toContain('720 kWh');
    expect(en.fiob).toContain('60%');
    expect(en.bill).toContain('R$84.00');
    expect(en.savings).toContain('R$316.00');
  });
  it('says when the minimum charge applied (GD I unit E: 30 kWh)', () => {
    const e = statementLines(
      {
        ...unitA,
        regime: 0,
        connection: 0,
        fioBSharePpm: 0,
        s: {
          ...unitA.s,
          allocatedWh: 540_000n,
          consumedWh: 250_000n,
          compensatedWh: 220_000n,
          billedWh: 30_000n,
          minimumWh: 30_000n,
          minimumApplied: true,
          fioBMicroBrl: 0n,
          billMicroBrl: 24_000_000n,
          noSolarBillMicroBrl: 200_000_000n,
        },
      },
      'pt-BR',
    );
    const t = byId(e);
    expect(t.minimum).toContain('monofásica: 30 kWh. Aplicou-se');
    expect(t.minimum).toContain('R$ 24,00');
    expect(t.fiob).toContain('isento');
    expect(t.savings).toContain('R$ 176,00');
  });
});

describe('GD II below the minimum', () => {
  // Three-phase (minimum 100 kWh) consuming 120 kWh with credits to spare: compensating more than
  // c* = 20 kWh × 0,80 / (0,80 − 0,168) = 25,316 kWh would take the bill under the minimum.
  const low: StatementInput = {
    ...unitA,
    gd2BelowMinimum: 0,
    s: {
      ...unitA.s,
      allocatedWh: 540_000n,
      consumedWh: 120_000n,
      compensatedWh: 25_316n,
      billedWh: 94_684n,
      createdWh: 514_684n,
      minimumApplied: false,
      fioBMicroBrl: 4_253_088n,
      billMicroBrl: 80_000_288n,
      noSolarBillMicroBrl: 96_000_000n,
    },
  };
  it('says why part of the consumption was left uncompensated when the community compensates down to the minimum', () => {
    expect(byId(statementLines(low, 'pt-BR')).compensated).toContain('parou onde a conta chega ao custo de disponibilidade');
    expect(byId(statementLines(low, 'en')).compensated).toContain('stopped where the bill reaches the minimum charge');
  });
  it('says nothing of it when all consumption is compensated, or when the credits simply ran out', () => {
    expect(byId(statementLines({ ...low, gd2BelowMinimum: 1 }, 'pt-BR')).compensated).not.toContain('parou onde');
    const ranOut = { ...low, s: { ...low.s, consumedWh: 900_000n, compensatedWh: 540_000n, billedWh: 360_000n, billMicroBrl: 378_720_000n } };
    expect(byId(statementLines(ranOut, 'pt-BR')).compensated).not.toContain('parou onde');
  });
});

describe('helpers', () => {
  it('formats tariffs with up to 6 decimals', () => {
    expect(formatTariff(168_000n, 'pt-BR')).toBe('R$ 0,168');
    expect(formatTariff(800_000n, 'pt-BR')).toBe('R$ 0,80');
    expect(formatTariff(1_250_000n, 'en')).toBe('R$1.25');
  });
  it('computes the share from allocated / generated', () => {
    expect(sharePpmOf(720_000n, 3_600_000n)).toBe(200_000);
    expect(sharePpmOf(1n, 0n)).toBe(0);
  });
});
