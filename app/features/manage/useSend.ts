import { useCallback } from 'react';
import { useConfig } from 'wagmi';
import { useI18n } from '../../lib/i18n.ts';
import { sendCommunityTx, type CommunityTx, type CommunityWrite, type TxOutcome } from '../../lib/tx/send.ts';

/** sendCommunityTx bound to the wagmi config and the current language. */
export function useSend(): <F extends CommunityWrite>(tx: CommunityTx<F>) => Promise<TxOutcome> {
  const config = useConfig();
  const { lang } = useI18n();
  return useCallback((tx) => sendCommunityTx(config, tx, lang), [config, lang]);
}

/** Batch size of readings and closes: 200, or a test/ops override in localStorage. */
export function batchSize(): number {
  try {
    const n = Number(localStorage.getItem('compartilha.manage.batchSize'));
    return Number.isInteger(n) && n > 0 && n <= 1000 ? n : 200;
  } catch {
    return 200;
  }
}
