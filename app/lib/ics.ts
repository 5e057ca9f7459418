/**
 * A calendar reminder (iCalendar, RFC 5545) of credits about to expire, built in the browser: no
 * server, no library. Pure: the caller gives the clock, the words and the figures.
 */

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * RFC 5545 §3.1: content lines are folded at 75 octets (a CRLF then one space), never inside a
 * UTF-8 character.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    // The first line holds 75 octets; the continuation lines 74 after their leading space.
    const limit = out.length === 0 ? 75 : 74;
    if (octets + n > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A UTC DATE-TIME: 20261202T013000Z. */
export function utcStamp(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** A DATE: 20301001. */
function dateValue(year: number, month: number, day: number): string {
  return `${year}${pad(month)}${pad(day)}`;
}

/**
 * The day to be reminded of credits expiring at the close of `expiryCycle` (YYYYMM): the first day
 * of the month before, a few weeks ahead, time enough to use, donate or sell them.
 */
export function reminderDay(expiryCycle: number): { year: number; month: number; day: number } {
  const year = Math.floor(expiryCycle / 100);
  const month = expiryCycle % 100;
  return month === 1 ? { year: year - 1, month: 12, day: 1 } : { year, month: month - 1, day: 1 };
}

export interface ExpiryReminder {
  /** YYYYMM of the close at which the credits expire. */
  expiryCycle: number;
  /** A stable identifier of what is reminded (community, member, expiry), so a second download updates the same event. */
  uid: string;
  /** When the file is made (DTSTAMP). */
  now: Date;
  summary: string;
  description: string;
  /** The dashboard's address, opened from the event. */
  url?: string;
}

/** One VEVENT (all-day, on `reminderDay`) in one VCALENDAR, CRLF line ends. */
export function expiryReminderIcs(r: ExpiryReminder): string {
  const { year, month, day } = reminderDay(r.expiryCycle);
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Compartilha//Lembrete de creditos//PT',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${r.uid}`,
    `DTSTAMP:${utcStamp(r.now)}`,
    `DTSTART;VALUE=DATE:${dateValue(year, month, day)}`,
    `DTEND;VALUE=DATE:${dateValue(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate())}`,
    `SUMMARY:${escapeText(r.summary)}`,
    `DESCRIPTION:${escapeText(r.description)}`,
    ...(r.url ? [`URL:${r.url}`] : []),
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(r.summary)}`,
    'TRIGGER:PT9H',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
