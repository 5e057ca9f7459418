// Test helpers: real ABI-encoded logs, as an RPC node returns them.
import { encodeAbiParameters, encodeEventTopics, numberToHex, pad, type Abi, type AbiEvent, type Hex, type RpcLog } from 'viem';
import { historyAbi } from './events.ts';

export function rpcLog(
  eventName: string,
  args: Record<string, unknown>,
  block: number,
  logIndex: number,
  address: Hex = '0x00000000000000000000000000000000000000c0',
): RpcLog {
  const ev = (historyAbi as Abi).find((x) => x.type === 'event' && x.name === eventName) as AbiEvent;
  const topics = encodeEventTopics({ abi: [ev], eventName, args } as never) as Hex[];
  const data = ev.inputs.filter((i) => !i.indexed);
  return {
    address,
    blockHash: pad(numberToHex(block), { size: 32 }),
    blockNumber: numberToHex(block),
    data: encodeAbiParameters(data, data.map((i) => args[i.name!]) as never),
    logIndex: numberToHex(logIndex),
    transactionHash: pad(numberToHex(block * 1000 + logIndex), { size: 32 }),
    transactionIndex: '0x0',
    topics: topics as [Hex, ...Hex[]],
    removed: false,
  };
}

export const settlement = (over: Partial<Record<string, bigint | boolean>> = {}) => ({
  allocatedWh: 720_000n,
  consumedWh: 500_000n,
  compensatedWh: 500_000n,
  billedWh: 0n,
  createdWh: 220_000n,
  usedFromLotsWh: 0n,
  expiredWh: 0n,
  balanceWh: 1_000_000n,
  minimumWh: 100_000n,
  minimumApplied: false,
  fioBMicroBrl: 84_000_000n,
  billMicroBrl: 84_000_000n,
  noSolarBillMicroBrl: 400_000_000n,
  ...over,
});
