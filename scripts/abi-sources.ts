// Which forge artifacts become which typed ABI in contracts-abi/. The SPA imports only from
// contracts-abi/, never from contracts/out.
export const abiSources = [
  { exportName: 'communityAbi', artifact: 'Community.sol/Community.json' },
  {
    exportName: 'communityRegistryAbi',
    artifact: 'CommunityRegistry.sol/CommunityRegistry.json',
  },
] as const;
