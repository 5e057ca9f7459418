import { useSyncExternalStore } from 'react';
import { useI18n } from '../lib/i18n.ts';
import { rpcHealth, type RpcHealth } from '../lib/rpc/health.ts';

export const RPC_BANNER_ID = 'rpc-down';

export function useRpcHealth(): RpcHealth {
  return useSyncExternalStore(rpcHealth.subscribe, rpcHealth.snapshot, rpcHealth.snapshot);
}

/**
 * Shown on every screen while the chain's node does not answer: what the figures on screen are
 * (from when), that sending waits, and that the app retries by itself.
 */
export function RpcBanner() {
  const { t, lang } = useI18n();
  const { down, lastOkAt } = useRpcHealth();
  if (!down) return null;
  const time = lastOkAt === undefined ? undefined : new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(lastOkAt);
  return (
    <div className="banner warning rpc-banner" role="alert" id={RPC_BANNER_ID} data-testid="rpc-down">
      <p>
        <strong>{t.rpc.title}</strong> {time ? t.rpc.staleSince(time) : t.rpc.noData}
      </p>
      <p>{t.rpc.writes}</p>
    </div>
  );
}
