import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidateContracts, readsContract } from './queries.ts';

const community = '0xd8058efe0198ae9dD7D563e1b4938Dcbc86A1F81';
const other = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('targeted invalidation', () => {
  it("finds the address in wagmi keys and in the app's own keys, case-insensitively", () => {
    expect(readsContract(['readContract', { address: community.toLowerCase(), functionName: 'dashboardOf', args: ['0x1'], chainId: 31337 }], [community])).toBe(
      true,
    );
    expect(readsContract(['readContracts', { contracts: [{ address: community, functionName: 'market' }], chainId: 31337 }], [community])).toBe(true);
    expect(readsContract(['manage', 'members', 31337, community, 6], [community])).toBe(true);
    expect(readsContract(['readContract', { address: other, functionName: 'communitiesOf' }], [community])).toBe(false);
  });

  it('marks stale only the queries of the contracts a write changed', async () => {
    const qc = new QueryClient();
    qc.setQueryData(['readContract', { address: community, functionName: 'dashboardOf' }], 1);
    qc.setQueryData(['readContract', { address: other, functionName: 'communitiesOf' }], 2);
    await invalidateContracts(qc, [community, undefined]);
    expect(qc.getQueryState(['readContract', { address: community, functionName: 'dashboardOf' }])?.isInvalidated).toBe(true);
    expect(qc.getQueryState(['readContract', { address: other, functionName: 'communitiesOf' }])?.isInvalidated).toBe(false);
  });
});
