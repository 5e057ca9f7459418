/**
 * Everything English of the first screens, in one chunk loaded on demand (app/lib/i18n.ts
 * `loadDictionary`): the main dictionary and the contract errors' sentences. The first-load bundle
 * carries Portuguese only; the service worker keeps this chunk for an offline switch
 * (app/config/pwa-plugin.ts).
 */
import { en } from './dict.en.ts';
import { enContractErrors } from './errors.en.ts';
import { setEnglishContractSentences } from './errors.ts';

export { en };

/** Makes the English error sentences available to app/lib/errors.ts. */
export function install(): void {
  setEnglishContractSentences(enContractErrors);
}
