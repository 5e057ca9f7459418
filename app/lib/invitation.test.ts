import { describe, expect, it } from 'vitest';
import { concat, encodeAbiParameters, keccak256, recoverTypedDataAddress, toHex, type Hex } from 'viem';
import { generatePrivateKey } from 'viem/accounts';
import {
  claimDomain,
  claimTypes,
  invitationKeyAddress,
  invitationPath,
  invitationStatus,
  invitationUrl,
  parseInvitation,
  signClaim,
  type Invitation,
} from './invitation.ts';

const community = '0x1234567890123456789012345678901234567890';
const wallet = '0x00000000000000000000000000000000000a11ce';

describe('invitation links', () => {
  const inv: Invitation = { chainId: 31337, community, memberId: 3, key: generatePrivateKey() };

  it('puts everything in the fragment and parses back', () => {
    const url = invitationUrl(inv, 'https://condominio.example/app/');
    const [before, fragment] = url.split('#');
    expect(before).toBe('https://condominio.example/app/');
    expect(before).not.toContain(inv.key.slice(2));
    expect(fragment).toBe(invitationPath(inv));
    const [, , chainId, address, , memberId, key] = (fragment ?? '').split('/');
    expect(parseInvitation({ chainId, address, memberId, key })).toEqual(inv);
  });

  it('refuses malformed parts', () => {
    const ok = { chainId: '31337', address: community, memberId: '3', key: inv.key };
    expect(parseInvitation(ok)).not.toBeNull();
    expect(parseInvitation({ ...ok, chainId: 'x' })).toBeNull();
    expect(parseInvitation({ ...ok, memberId: '-1' })).toBeNull();
    expect(parseInvitation({ ...ok, memberId: '4294967296' })).toBeNull();
    expect(parseInvitation({ ...ok, address: '0x12' })).toBeNull();
    expect(parseInvitation({ ...ok, key: inv.key.slice(0, 40) })).toBeNull();
  });

  it('signs the digest Community.claim rebuilds (EIP-712, same formula as the contract)', async () => {
    const sig = await signClaim(inv, wallet);
    const signer = await recoverTypedDataAddress({
      domain: claimDomain(inv.chainId, inv.community),
      types: claimTypes,
      primaryType: 'Claim',
      message: { memberId: inv.memberId, wallet },
      signature: sig,
    });
    expect(signer).toBe(invitationKeyAddress(inv.key));
    // the contract's own formula, spelled out
    const domainHash = keccak256(
      encodeAbiParameters(
        [{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint256' }, { type: 'address' }],
        [
          keccak256(toHex('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)')),
          keccak256(toHex('Compartilha')),
          keccak256(toHex('1')),
          31337n,
          community,
        ],
      ),
    );
    const claimHash = keccak256(
      encodeAbiParameters(
        [{ type: 'bytes32' }, { type: 'uint32' }, { type: 'address' }],
        [keccak256(toHex('Claim(uint32 memberId,address wallet)')), 3, wallet],
      ),
    );
    const digest = keccak256(concat(['0x1901' as Hex, domainHash, claimHash]));
    const { recoverAddress } = await import('viem');
    expect(await recoverAddress({ hash: digest, signature: sig })).toBe(invitationKeyAddress(inv.key));
  });

  it('a signature for one wallet does not recover for another', async () => {
    const sig = await signClaim(inv, wallet);
    const other = await recoverTypedDataAddress({
      domain: claimDomain(inv.chainId, inv.community),
      types: claimTypes,
      primaryType: 'Claim',
      message: { memberId: inv.memberId, wallet: '0x00000000000000000000000000000000000b0b00' },
      signature: sig,
    });
    expect(other).not.toBe(invitationKeyAddress(inv.key));
  });

  it("says a link's standing from the chain's record: replaced, used, expired, open", () => {
    const key = invitationKeyAddress(inv.key);
    const other = invitationKeyAddress(generatePrivateKey());
    const zero = '0x0000000000000000000000000000000000000000';
    const rec = (k: typeof key, expiresAt: bigint, used = false) => ({ key: k, expiresAt, used });
    expect(invitationStatus(rec(key, 1000n), key, 999n)).toBe('open');
    expect(invitationStatus(rec(key, 1000n), key, 1000n)).toBe('expired'); // the chain needs expiresAt > block time
    expect(invitationStatus(rec(key, 1000n, true), key, 10n)).toBe('used');
    expect(invitationStatus(rec(other, 1000n), key, 10n)).toBe('replaced');
    expect(invitationStatus(rec(zero, 0n), key, 10n)).toBe('replaced'); // revoked, or never issued
    expect(invitationStatus(rec(key.toLowerCase() as typeof key, 1000n), key, 10n)).toBe('open');
  });
});
