// Which forge artifacts become which typed ABI in contracts-abi/. The SPA imports only from
// contracts-abi/, never from contracts/out. A community answers both its ledger's functions and
// the read-only views its fallback serves (CommunityViews), so its ABI is the two merged.
export const abiSources = [
  { exportName: 'communityAbi', artifacts: ['Community.sol/Community.json', 'CommunityViews.sol/CommunityViews.json'] },
  { exportName: 'communityRegistryAbi', artifacts: ['CommunityRegistry.sol/CommunityRegistry.json'] },
  { exportName: 'communityMarketAbi', artifacts: ['CommunityMarket.sol/CommunityMarket.json'] },
  { exportName: 'demoBrlAbi', artifacts: ['DemoBRL.sol/DemoBRL.json'] },
] as const;
