/**
 * The events the history reads and the eth_getLogs topic filters that select one member's events.
 * The Community events come from the generated ABI; the market's events are declared here from
 * contracts/src/interfaces/ICommunityMarket.sol so the history does not depend on the market ABI
 * being generated (an extension point: pass the market's address to loadHistory to include them).
 */
import { encodeEventTopics, numberToHex, pad, type Abi, type Hex } from 'viem';
import { communityAbi } from '../../../contracts-abi/abis.ts';

/** ICommunityMarket events (same signatures as the Solidity interface). */
export const marketEventsAbi = [
  {
    type: 'event',
    name: 'OrderPlaced',
    inputs: [
      { name: 'orderId', type: 'uint64', indexed: true },
      { name: 'memberId', type: 'uint32', indexed: true },
      { name: 'side', type: 'uint8', indexed: false },
      { name: 'priceTokenPerKwh', type: 'uint128', indexed: false },
      { name: 'quantityWh', type: 'uint64', indexed: false },
      { name: 'expiresAt', type: 'uint64', indexed: false },
      { name: 'standing', type: 'bool', indexed: false },
    ],
  },
  {
    type: 'event',
    name: 'OrderFilled',
    inputs: [
      { name: 'makerOrderId', type: 'uint64', indexed: true },
      { name: 'takerOrderId', type: 'uint64', indexed: true },
      { name: 'cycle', type: 'uint32', indexed: true },
      { name: 'makerMemberId', type: 'uint32', indexed: false },
      { name: 'takerMemberId', type: 'uint32', indexed: false },
      { name: 'makerSide', type: 'uint8', indexed: false },
      { name: 'priceTokenPerKwh', type: 'uint128', indexed: false },
      { name: 'amountWh', type: 'uint64', indexed: false },
      { name: 'tokenAmount', type: 'uint256', indexed: false },
    ],
  },
  {
    type: 'event',
    name: 'OrderCancelled',
    inputs: [
      { name: 'orderId', type: 'uint64', indexed: true },
      { name: 'returnedWh', type: 'uint64', indexed: false },
      { name: 'returnedToken', type: 'uint256', indexed: false },
    ],
  },
  {
    type: 'event',
    name: 'OrderExpired',
    inputs: [
      { name: 'orderId', type: 'uint64', indexed: true },
      { name: 'returnedWh', type: 'uint64', indexed: false },
      { name: 'returnedToken', type: 'uint256', indexed: false },
    ],
  },
  {
    type: 'event',
    name: 'ProceedsWithdrawn',
    inputs: [
      { name: 'owner', type: 'address', indexed: true },
      { name: 'to', type: 'address', indexed: true },
      { name: 'token', type: 'address', indexed: false },
      { name: 'amount', type: 'uint256', indexed: false },
    ],
  },
] as const satisfies Abi;

function sig(abi: Abi, eventName: string): Hex {
  const [topic] = encodeEventTopics({ abi, eventName } as Parameters<typeof encodeEventTopics>[0]);
  if (!topic) throw new Error(`no topic for ${eventName}`);
  return topic;
}

/** Community events whose FIRST indexed argument is the member id. */
export const BY_TOPIC1 = [
  'MemberAdded',
  'ShareChanged',
  'MemberShareScheduled',
  'MemberActiveChanged',
  'CreditsAdjusted',
  'CreditsDonated',
  'PoolDonated',
  'PoolAssigned',
] as const;
/** Community events whose SECOND indexed argument is the member id. */
export const BY_TOPIC2 = ['MemberSettled', 'ReadingPosted', 'CreditsDonated'] as const;
/** In the market's one filter (topic0 alternatives): a withdrawal adds no eth_getLogs call; it is matched by owner after decoding. */
export const MARKET_EVENTS = ['OrderPlaced', 'OrderFilled', 'OrderCancelled', 'OrderExpired', 'ProceedsWithdrawn'] as const;

export type Topics = (Hex | Hex[] | null)[];

export function memberTopic(memberId: number): Hex {
  return pad(numberToHex(memberId), { size: 32 });
}

/**
 * The eth_getLogs filters for one member: two topic filters on the community (the member id is the
 * 1st indexed argument of some events and the 2nd of others; topics AND across positions), plus,
 * when a market address is given, one filter on the market's events (fills do not index member ids,
 * so they are filtered after decoding).
 */
export function memberFilters(memberId: number, withMarket: boolean): { target: 'community' | 'market'; topics: Topics }[] {
  const id = memberTopic(memberId);
  const abi = communityAbi as Abi;
  const filters: { target: 'community' | 'market'; topics: Topics }[] = [
    { target: 'community', topics: [BY_TOPIC1.map((n) => sig(abi, n)), id] },
    { target: 'community', topics: [BY_TOPIC2.map((n) => sig(abi, n)), null, id] },
  ];
  if (withMarket) filters.push({ target: 'market', topics: [MARKET_EVENTS.map((n) => sig(marketEventsAbi, n))] });
  return filters;
}

export const historyAbi = [...(communityAbi as Abi), ...marketEventsAbi] as Abi;
