import { encodePacked, keccak256 } from 'viem';
import { describe, expect, it } from 'vitest';
import { parseDirectory, ucOf } from './directory.ts';
import { checkMemberForm, checkShares, parseSharePercent, ppmToPercentInput, randomSalt, ucCommitment } from './shares.ts';

describe('shares', () => {
  it.each([
    ['12,5', 125_000],
    ['12.5', 125_000],
    ['20 %', 200_000],
    ['0,0001', 1],
    ['100', 1_000_000],
  ])('%s → %d ppm', (t, ppm) => expect(parseSharePercent(t)).toEqual({ ok: true, ppm }));
  it.each([
    ['', 'empty'],
    ['-1', 'negative'],
    ['1,00001', 'tooManyDecimals'],
    ['abc', 'notANumber'],
    ['100,5', 'tooLarge'],
  ])('%s refused (%s)', (t, problem) => expect(parseSharePercent(t)).toEqual({ ok: false, problem }));

  it('the sum must be exactly 100 %', () => {
    expect(checkShares(['20', '20', '15', '15', '15', '15'])).toEqual({ sumPpm: 1_000_000, invalid: [], ok: true });
    expect(checkShares(['20', '20', '15', '15', '15', '14,9999']).ok).toBe(false);
    expect(checkShares(['50', 'x', '50'])).toEqual({ sumPpm: 1_000_000, invalid: [1], ok: false });
    expect(checkShares(['60', '50']).ok).toBe(false);
  });

  it('ppm back to the input text', () => {
    expect(ppmToPercentInput(125_000, 'pt-BR')).toBe('12,5');
    expect(ppmToPercentInput(200_000, 'en')).toBe('20');
  });
});

describe('UC commitment and directory', () => {
  it('matches keccak256(abi.encodePacked(bytes32 salt, string uc)) like the demo seed', () => {
    const salt = keccak256(encodePacked(['string', 'string'], ['compartilha-demo-salt', '0012345601']));
    expect(ucCommitment(salt, '0012345601')).toBe(keccak256(encodePacked(['bytes32', 'string'], [salt, '0012345601'])));
    expect(ucCommitment(salt, ' 0012345601 ')).toBe(ucCommitment(salt, '0012345601'));
    expect(ucCommitment(salt, '0012345602')).not.toBe(ucCommitment(salt, '0012345601'));
  });
  it('random salts are 32 bytes and differ', () => {
    const a = randomSalt();
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
    expect(randomSalt()).not.toBe(a);
  });
  it('a directory round-trips and shows a UC only when the commitment matches', () => {
    const salt = randomSalt();
    const w = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const d = parseDirectory(JSON.stringify({ entries: { [w]: { uc: '123', salt } } }));
    expect(d).not.toBeNull();
    expect(ucOf(d!, w, ucCommitment(salt, '123'))).toBe('123');
    expect(ucOf(d!, w, ucCommitment(salt, '124'))).toBeUndefined();
    expect(parseDirectory('not json')).toBeNull();
    expect(parseDirectory(JSON.stringify({ entries: { [w]: { uc: '1', salt: '0x12' } } }))).toBeNull();
  });
  it('checks the add-member form', () => {
    const w = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    expect(checkMemberForm({ wallet: 'nope', uc: '', label: '' }, [])).toEqual(['invalidAddress', 'ucEmpty', 'labelEmpty']);
    expect(checkMemberForm({ wallet: w, uc: '12', label: 'x'.repeat(33) }, [w.toLowerCase()])).toEqual(['duplicateWallet', 'labelTooLong']);
    expect(checkMemberForm({ wallet: w, uc: '0012-3', label: 'Apto 1' }, [])).toEqual([]);
    // no wallet yet: a unit waiting for its invitation, even when other units wait too
    const zero = '0x0000000000000000000000000000000000000000';
    expect(checkMemberForm({ wallet: '', uc: '1', label: 'Apto 2' }, [zero])).toEqual([]);
    expect(checkMemberForm({ wallet: zero, uc: '1', label: 'Apto 2' }, [zero])).toEqual([]);
  });
});
