import { getAbiItem, zeroAddress, type Address, type Client } from 'viem';
import { getContractEvents, getLogs } from 'viem/actions';
import { communityAbi, communityMarketAbi } from '../../../../contracts-abi/abis.ts';
import { getLogsCapped, type BlockRange } from '../../../lib/logs/capped.ts';

const TRANSFER_EVENTS = [
  getAbiItem({ abi: communityAbi, name: 'CreditsDonated' }),
  getAbiItem({ abi: communityAbi, name: 'PoolDonated' }),
  getAbiItem({ abi: communityAbi, name: 'PoolAssigned' }),
] as const;

/**
 * Net credits received − given per member id during `cycle` (Wh): donations, the pool in and out,
 * and market fills (the seller gives, the buyer receives), from the events of `span` — the blocks
 * between the previous cycle's close and this one's — read in ranges of at most `cap` blocks.
 * Two queries per range: the community's three transfer events in one (topic0 OR; their `cycle`
 * sits in a different topic in each, so it is checked here), the market's fills in the other. Any
 * range that fails fails the whole read: a partial sum is never returned as the net.
 */
export async function readNetTransfers(
  client: Client,
  q: { community: Address; market: Address; cycle: number; span: BlockRange; cap: bigint },
): Promise<Map<number, bigint>> {
  const { community, market, cycle, span, cap } = q;
  const net = new Map<number, bigint>();
  const add = (id: number, v: bigint) => net.set(id, (net.get(id) ?? 0n) + v);
  const [transfers, fills] = await Promise.all([
    getLogsCapped(span, cap, (r) => getLogs(client, { address: community, events: TRANSFER_EVENTS, fromBlock: r.from, toBlock: r.to, strict: true })),
    market === zeroAddress
      ? []
      : getLogsCapped(span, cap, (r) =>
          getContractEvents(client, {
            address: market,
            abi: communityMarketAbi,
            eventName: 'OrderFilled',
            args: { cycle },
            fromBlock: r.from,
            toBlock: r.to,
            strict: true,
          }),
        ),
  ]);
  for (const l of transfers) {
    if (l.args.cycle !== cycle) continue;
    if (l.eventName === 'CreditsDonated') {
      add(l.args.fromMemberId, -l.args.amountWh);
      add(l.args.toMemberId, l.args.amountWh);
    } else if (l.eventName === 'PoolDonated') add(l.args.fromMemberId, -l.args.amountWh);
    else add(l.args.toMemberId, l.args.amountWh);
  }
  for (const f of fills) {
    const sellerIsMaker = f.args.makerSide === 1;
    add(sellerIsMaker ? f.args.makerMemberId : f.args.takerMemberId, -f.args.amountWh);
    add(sellerIsMaker ? f.args.takerMemberId : f.args.makerMemberId, f.args.amountWh);
  }
  return net;
}
