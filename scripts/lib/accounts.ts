// anvil's well-known default accounts (public test mnemonic; worthless anywhere but a local chain).
import { mnemonicToAccount } from 'viem/accounts';
import { bytesToHex } from 'viem';

export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

export function anvilAccount(index: number) {
  return mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
}

export function anvilPrivateKey(index: number): `0x${string}` {
  const key = anvilAccount(index).getHdKey().privateKey;
  if (!key) throw new Error('no private key');
  return bytesToHex(key);
}
