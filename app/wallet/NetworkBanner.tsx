import { useConnection } from 'wagmi';
import { chains } from '../lib/chains.ts';
import { describeError } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { useSwitchToChain } from './useSwitchToChain.ts';
import { ActionButton } from '../components/ActionButton.tsx';

/** Shown when the connected wallet is not on `expectedChainId`. */
export function NetworkBanner({ expectedChainId }: { expectedChainId: number }) {
  const { t, lang } = useI18n();
  const { chainId, isConnected } = useConnection();
  const { switchTo, pending, error } = useSwitchToChain();
  if (!isConnected || chainId === undefined || chainId === expectedChainId) return null;
  const expected = chains.find((c) => c.id === expectedChainId);
  return (
    <div className="banner warning" role="alert" data-testid="wrong-network">
      <p>{expected ? t.network.wrong(expected.name) : t.network.unknown}</p>
      {expected && (
        <ActionButton type="button" data-testid="switch-network" unavailable={pending} onClick={() => void switchTo(expectedChainId)}>
          {pending ? t.network.switching : t.network.switch}
        </ActionButton>
      )}
      {error !== undefined && <p className="error-text">{describeError(error, lang)}</p>}
    </div>
  );
}
