import { describe, expect, it } from 'vitest';
import { isIpHost } from './storage.ts';

describe('isIpHost', () => {
  it('tells an IP address (where WebAuthn cannot work) from a domain', () => {
    expect(isIpHost('127.0.0.1')).toBe(true);
    expect(isIpHost('192.168.0.10')).toBe(true);
    expect(isIpHost('[::1]')).toBe(true);
    expect(isIpHost('localhost')).toBe(false);
    expect(isIpHost('app.cooperativa.example')).toBe(false);
    expect(isIpHost('1.2.3.example')).toBe(false);
  });
});
