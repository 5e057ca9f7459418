import { describe, expect, it } from 'vitest';
import { escapeText, expiryReminderIcs, foldLine, reminderDay, utcStamp } from './ics.ts';

const base = {
  expiryCycle: 203011,
  uid: '203011-1-0xabc@compartilha',
  now: new Date('2026-12-02T01:30:05Z'),
  summary: 'Seus créditos vencem em 11/2030: 120 kWh',
  description: 'Use, doe ou venda antes do fechamento de 11/2030; veja o painel.',
};

/** Unfolds (RFC 5545 §3.1) and splits into content lines. */
function contentLines(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n');
}

describe('expiryReminderIcs', () => {
  it('is one all-day VEVENT in a VCALENDAR, every line ended by CRLF', () => {
    const ics = expiryReminderIcs(base);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = contentLines(ics);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain('UID:203011-1-0xabc@compartilha');
    expect(lines).toContain('DTSTAMP:20261202T013005Z');
    // A few weeks before the month the credits expire in: the first day of the month before.
    expect(lines).toContain('DTSTART;VALUE=DATE:20301001');
    expect(lines).toContain('DTEND;VALUE=DATE:20301002');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });
  it('escapes the text and keeps accents (UTF-8)', () => {
    const lines = contentLines(expiryReminderIcs(base));
    expect(lines).toContain('SUMMARY:Seus créditos vencem em 11/2030: 120 kWh');
    expect(lines).toContain('DESCRIPTION:Use\\, doe ou venda antes do fechamento de 11/2030\\; veja o painel.');
  });
  it('January credits are reminded in December of the year before', () => {
    expect(reminderDay(203101)).toEqual({ year: 2030, month: 12, day: 1 });
    const lines = contentLines(expiryReminderIcs({ ...base, expiryCycle: 203101 }));
    expect(lines).toContain('DTSTART;VALUE=DATE:20301201');
    expect(lines).toContain('DTEND;VALUE=DATE:20301202');
  });
  it('English words go in as given', () => {
    const lines = contentLines(expiryReminderIcs({ ...base, summary: 'Your credits expire in 11/2030: 120 kWh', description: 'Use, give or sell them.' }));
    expect(lines).toContain('SUMMARY:Your credits expire in 11/2030: 120 kWh');
    expect(lines).toContain('DESCRIPTION:Use\\, give or sell them.');
  });
});

describe('text values and lines', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
  it('folds at 75 octets without splitting a character', () => {
    const long = `DESCRIPTION:${'é'.repeat(80)}`;
    const folded = foldLine(long);
    const enc = new TextEncoder();
    for (const part of folded.split('\r\n')) expect(enc.encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });
  it('DTSTAMP is UTC', () => {
    expect(utcStamp(new Date('2027-01-01T00:05:09Z'))).toBe('20270101T000509Z');
  });
});
