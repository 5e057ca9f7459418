import { useConnection } from 'wagmi';
import { Loading } from '../../components/Status.tsx';
import { chains, deploymentOf } from '../../lib/chains.ts';
import { ConnectScreen } from '../../wallet/ConnectScreen.tsx';
import { NetworkBanner } from '../../wallet/NetworkBanner.tsx';
import { CommunityPicker } from './CommunityPicker.tsx';

export function HomePage() {
  const { status, address, chainId } = useConnection();
  if (status === 'reconnecting' && !address) return <Loading />;
  if (status !== 'connected' || !address) return <ConnectScreen />;
  const target = deploymentOf(chainId) ? chainId! : chains[0].id;
  return (
    <div className="stack">
      <NetworkBanner expectedChainId={target} />
      <CommunityPicker chainId={target} account={address} />
    </div>
  );
}
