import { describe, expect, it } from 'vitest';
import { isPhoneLike } from './device.ts';

const desktopUa = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const iphoneUa = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const androidUa = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';

describe('isPhoneLike', () => {
  it('a desktop browser with a mouse is not a phone', () => {
    expect(isPhoneLike({ coarsePointer: false, uaDataMobile: false, userAgent: desktopUa })).toBe(false);
    expect(isPhoneLike({ coarsePointer: false, uaDataMobile: undefined, userAgent: desktopUa })).toBe(false);
  });
  it('a mobile user agent is a phone', () => {
    expect(isPhoneLike({ coarsePointer: false, uaDataMobile: undefined, userAgent: iphoneUa })).toBe(true);
    expect(isPhoneLike({ coarsePointer: false, uaDataMobile: undefined, userAgent: androidUa })).toBe(true);
  });
  it('touch as the main pointer, or the browser saying mobile, is a phone', () => {
    expect(isPhoneLike({ coarsePointer: true, uaDataMobile: undefined, userAgent: desktopUa })).toBe(true);
    expect(isPhoneLike({ coarsePointer: false, uaDataMobile: true, userAgent: desktopUa })).toBe(true);
  });
});
