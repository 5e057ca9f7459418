import { isAddress, isHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

/**
 * An invitation link (issue #12): the app's URL with a hash route that carries the community, the
 * member id, the chain and the invitation's one-time private key. All of it is in the URL fragment,
 * which a browser never sends to a server: `…/#/c/<chainId>/<community>/claim/<memberId>/<key>`.
 */
export interface Invitation {
  chainId: number;
  community: Address;
  memberId: number;
  key: Hex;
}

/** The hash route of an invitation (without the leading `#`). */
export function invitationPath(inv: Invitation): string {
  return `/c/${inv.chainId}/${inv.community}/claim/${inv.memberId}/${inv.key}`;
}

/** The full link: this page's origin and path (the release being served) plus the route. */
export function invitationUrl(inv: Invitation, base = `${window.location.origin}${window.location.pathname}`): string {
  return `${base}#${invitationPath(inv)}`;
}

/** The route's parameters as an invitation, or null when any of them is malformed. */
export function parseInvitation(params: { chainId?: string; address?: string; memberId?: string; key?: string }): Invitation | null {
  const chainId = Number(params.chainId);
  const memberId = Number(params.memberId);
  const community = params.address ?? '';
  const key = params.key ?? '';
  if (!Number.isSafeInteger(chainId) || chainId <= 0) return null;
  if (!/^\d+$/.test(params.memberId ?? '') || memberId > 0xffffffff) return null;
  if (!isAddress(community, { strict: false })) return null;
  if (!isHex(key) || key.length !== 66) return null;
  return { chainId, community: community as Address, memberId, key };
}

/** The EIP-712 typed data the invitation key signs (Community.claim checks it). */
export const claimTypes = {
  Claim: [
    { name: 'memberId', type: 'uint32' },
    { name: 'wallet', type: 'address' },
  ],
} as const;

export function claimDomain(chainId: number, community: Address) {
  return { name: 'Compartilha', version: '1', chainId, verifyingContract: community } as const;
}

/** The address of the invitation's key: what `invite` records on-chain. */
export function invitationKeyAddress(key: Hex): Address {
  return privateKeyToAccount(key).address;
}

/**
 * The invitation key's signature binding chain, community, member and the claiming wallet: a
 * copied signature cannot be used by another wallet, in another community or on another chain.
 */
export function signClaim(inv: Invitation, wallet: Address): Promise<Hex> {
  return privateKeyToAccount(inv.key).signTypedData({
    domain: claimDomain(inv.chainId, inv.community),
    types: claimTypes,
    primaryType: 'Claim',
    message: { memberId: inv.memberId, wallet },
  });
}

/** What the chain says of an invitation link before anyone signs (`invitation(memberId)`). */
export type InvitationStatus = 'open' | 'used' | 'expired' | 'replaced';

/**
 * The link's standing: `replaced` when the chain holds no invitation or one for another key (revoked,
 * or a newer invitation was issued), `used` once claimed, `expired` when its expiry is not after
 * `nowSec` (the later of this device's clock and the latest block's: the chain judges by the next
 * block's time), otherwise `open`.
 */
export function invitationStatus(onChain: { key: Address; expiresAt: bigint; used: boolean }, linkKeyAddress: Address, nowSec: bigint): InvitationStatus {
  if (onChain.key.toLowerCase() !== linkKeyAddress.toLowerCase()) return 'replaced';
  if (onChain.used) return 'used';
  if (onChain.expiresAt <= nowSec) return 'expired';
  return 'open';
}
