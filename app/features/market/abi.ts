// The market's ABI comes from contracts-abi (generated from contracts/). The payment token may be
// any ERC-20 on a real chain; the screen calls only the ERC-20 and EIP-2612 functions (name,
// symbol, decimals, balanceOf, allowance, approve, nonces, permit), typed here by the generated ABI
// of DemoBRL — OpenZeppelin's ERC20 + ERC20Permit, so the standard surface and its errors.
import { communityMarketAbi, demoBrlAbi } from '../../../contracts-abi/abis.ts';

export { communityMarketAbi };

/** The payment token as the market screen uses it: ERC-20 + EIP-2612 (+ OpenZeppelin's errors). */
export const paymentTokenAbi = demoBrlAbi;

/** Everything a market write can revert with, for decoding. */
export const marketErrorsAbi = [...communityMarketAbi, ...paymentTokenAbi].filter((x) => x.type === 'error');
