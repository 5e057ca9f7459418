/**
 * Is this a phone or tablet? A browser extension cannot be installed there, so the connect screen
 * never suggests one. Touch as the main pointer, the browser's own mobile hint
 * (navigator.userAgentData.mobile, Chromium) or a mobile user agent each count.
 */
export interface DeviceHints {
  coarsePointer: boolean;
  uaDataMobile: boolean | undefined;
  userAgent: string;
}

const MOBILE_UA = /Android|iPhone|iPad|iPod|Mobile|Opera Mini|IEMobile/i;

export function isPhoneLike(h: DeviceHints): boolean {
  return h.coarsePointer || h.uaDataMobile === true || MOBILE_UA.test(h.userAgent);
}

interface NavigatorUaData {
  userAgentData?: { mobile?: boolean };
}

export function deviceHints(): DeviceHints {
  if (typeof window === 'undefined') return { coarsePointer: false, uaDataMobile: undefined, userAgent: '' };
  const nav = navigator as Navigator & NavigatorUaData;
  return {
    coarsePointer: typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches,
    uaDataMobile: nav.userAgentData?.mobile,
    userAgent: nav.userAgent ?? '',
  };
}

/** Evaluated once per page: the kind of device does not change while a page is open. */
let cached: boolean | undefined;
export function isPhone(): boolean {
  cached ??= isPhoneLike(deviceHints());
  return cached;
}
