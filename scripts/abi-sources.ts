// Which forge artifacts become which typed ABI in contracts-abi/. The SPA imports only from
// contracts-abi/, never from contracts/out.
export const abiSources = [
  { exportName: 'communityAbi', artifact: 'Community.sol/Community.json' },
  {
    exportName: 'communityRegistryAbi',
    artifact: 'CommunityRegistry.sol/CommunityRegistry.json',
  },
  { exportName: 'communityMarketAbi', artifact: 'CommunityMarket.sol/CommunityMarket.json' },
  { exportName: 'demoBrlAbi', artifact: 'DemoBRL.sol/DemoBRL.json' },
] as const;
