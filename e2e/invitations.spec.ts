// Invitations (issue #12), end to end: the manager invites a unit from the console (the key is made
// in the page and travels only in the link's fragment), the resident opens the link with whatever
// wallet is connected and claims it, and lands on the dashboard. A lost phone: a new invitation for
// a member with an open sell order, an open buy order and proceeds; all of it is found under the new
// wallet and the old wallet is refused. A used and an expired invitation give their sentence and
// change nothing on-chain. The chain is snapshotted before and reverted after.
import { expect, test, type Page } from '@playwright/test';
import { createWalletClient, http, parseAbi, toHex, zeroAddress, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { anvil } from 'viem/chains';
import { communityAbi, communityMarketAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { DEMO_UNITS } from '../scripts/lib/demo-community.ts';
import { MANAGER_INDEX, memberIndex } from '../scripts/lib/local-community.ts';
import { chainClient, revertChain, snapshotChain } from './fixtures/chain.ts';
import { ensurePaymentToken } from './fixtures/market.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet, type TestWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const erc20 = parseAbi(['function approve(address spender, uint256 amount) returns (bool)', 'function balanceOf(address) view returns (uint256)']);

let snapshot: Hex;
test.beforeAll(async () => {
  snapshot = await snapshotChain();
});
test.afterAll(async () => {
  await revertChain(snapshot);
});

const client = (pk: Hex) => createWalletClient({ account: privateKeyToAccount(pk), chain: anvil, transport: http(E2E_RPC_URL) });
const wait = async (hash: Hex) => {
  const r = await chainClient.waitForTransactionReceipt({ hash });
  if (r.status !== 'success') throw new Error(`${hash} reverted`);
};
const member = (id: number) => chainClient.readContract({ address: community, abi: communityAbi, functionName: 'member', args: [id] });
const idOf = (w: Address) => chainClient.readContract({ address: community, abi: communityAbi, functionName: 'memberIdOf', args: [w] });

/** A phone's new wallet: a fresh key with some ETH for gas (the local chain charges it). */
async function freshWallet(): Promise<Hex> {
  const pk = generatePrivateKey();
  await chainClient.request({
    method: 'anvil_setBalance' as 'eth_chainId',
    params: [privateKeyToAccount(pk).address, toHex(10n ** 19n)] as unknown as undefined,
  });
  return pk;
}

async function open(page: Page, pk: Hex, hash: string): Promise<TestWallet> {
  const wallet = await injectWallet(page, { privateKey: pk, rpcUrl: E2E_RPC_URL });
  await page.goto(`./${hash}`);
  await page.getByTestId(WALLET_TESTID).click();
  return wallet;
}

/** The manager opens the console, invites member `id` and reads the link the panel shows. */
async function inviteFromConsole(page: Page, id: number, expectMoves: boolean): Promise<string> {
  await open(page, anvilPrivateKey(MANAGER_INDEX), `#/c/31337/${community}/manage`);
  await page.getByTestId(`member-invite-${id}`).click();
  const panel = page.getByTestId('invite-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('invite-moves')).toHaveCount(expectMoves ? 1 : 0);
  if (expectMoves) await expect(page.getByTestId('invite-moves')).toContainText('A carteira antiga perde o acesso na hora');
  await page.getByTestId('invite-send').click();
  await expect(page.getByTestId('invite-ready')).toBeVisible({ timeout: 20_000 });
  const link = await page.getByTestId('invite-link').inputValue();
  await expect(page.getByTestId('invite-qr')).toHaveAttribute('data-qr-text', link);
  return link;
}

/** The part of the link after the origin: `#/c/…/claim/<id>/<key>` (the key only in the fragment). */
function hashOf(link: string): string {
  const url = new URL(link);
  expect(url.search).toBe('');
  expect(url.pathname).not.toContain('claim');
  expect(url.hash).toMatch(/^#\/c\/31337\/0x[0-9a-fA-F]{40}\/claim\/\d+\/0x[0-9a-f]{64}$/);
  return url.hash;
}

test('a unit added without a wallet: invitation → claim → dashboard, listed in "my communities"', async ({ browser }) => {
  // The manager adds a unit with no wallet (the console's add form with the wallet left empty).
  const mgr = await browser.newPage();
  await open(mgr, anvilPrivateKey(MANAGER_INDEX), `#/c/31337/${community}/manage`);
  const form = mgr.getByTestId('member-add-form');
  await form.getByLabel('Número da UC (fica só neste navegador)').fill('900123');
  await form.getByLabel('Rótulo').fill('Apto 501');
  await form.getByRole('button', { name: 'Cadastrar' }).click();
  await mgr.getByTestId('member-add-review').getByRole('button', { name: 'Confirmar' }).click();
  const id = DEMO_UNITS.length;
  await expect(mgr.getByTestId(`member-wallet-${id}`)).toContainText('sem carteira', { timeout: 20_000 });
  expect((await member(id)).wallet).toBe(zeroAddress);
  await mgr.close();

  const page = await browser.newPage();
  const link = await inviteFromConsole(page, id, false);
  await page.close();

  const phonePk = await freshWallet();
  const phone = await browser.newPage();
  const wallet = await open(phone, phonePk, hashOf(link));
  await expect(phone.getByTestId('claim-community')).toContainText('Condom');
  await expect(phone.getByTestId('claim-unit')).toHaveText('Apto 501');
  await phone.getByTestId('claim-send').click();
  await expect(phone.getByTestId('member-label')).toContainText('Apto 501', { timeout: 20_000 });
  expect(phone.url()).toMatch(new RegExp(`#/c/31337/${community}$`));
  expect(await idOf(wallet.address)).toEqual([true, id]);
  const [list] = await chainClient.readContract({
    address: e2eDeployment().registry,
    abi: (await import('../contracts-abi/abis.ts')).communityRegistryAbi,
    functionName: 'communitiesOf',
    args: [wallet.address, 0n, 10n],
  });
  expect(list.map((a) => a.toLowerCase())).toContain(community.toLowerCase());
  await phone.close();
});

test('a lost phone: open sell and buy orders and proceeds follow the member to the new wallet; the old wallet is refused', async ({ browser }) => {
  const A = 0;
  const oldPk = anvilPrivateKey(memberIndex(A));
  const oldWallet = privateKeyToAccount(oldPk).address;
  const market = (await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'market' })) as Address;
  const members = DEMO_UNITS.map((_, i) => privateKeyToAccount(anvilPrivateKey(memberIndex(i))).address);
  const token = await ensurePaymentToken(community, members);
  const a = client(oldPk);
  const b = client(anvilPrivateKey(memberIndex(1)));
  const P = 500_000_000_000_000_000n; // 0.50 per kWh
  for (const c of [a, b]) await wait(await c.writeContract({ address: token, abi: erc20, functionName: 'approve', args: [market, 2n ** 255n] }));
  const place = (c: typeof a, side: 0 | 1, price: bigint, wh: bigint) =>
    c.writeContract({ address: market, abi: communityMarketAbi, functionName: 'placeOrder', args: [side, price, wh, 0n, false, 0n, 16] });
  // A sells 2 kWh at 0.50 and B takes it (A's proceeds); A keeps a resting ask at 5.00 and a bid at 0.01.
  await wait(await place(a, 1, P, 2_000n));
  await wait(await place(b, 0, P, 2_000n));
  await wait(await place(a, 1, 10n * P, 3_000n));
  await wait(await place(a, 0, P / 50n, 1_000n));
  const proceeds = await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'proceedsOf', args: [oldWallet] });
  expect(proceeds).toBeGreaterThan(0n);
  const openBefore = (await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [oldWallet] })).filter(
    (o) => o.status === 0,
  );
  expect(openBefore).toHaveLength(2);
  const balanceBefore = (await member(A)).balanceWh;

  const mgr = await browser.newPage();
  const link = await inviteFromConsole(mgr, A, true);
  await mgr.close();

  const newPk = await freshWallet();
  const phone = await browser.newPage();
  const wallet = await open(phone, newPk, hashOf(link));
  await expect(phone.getByTestId('claim-moves')).toBeVisible();
  await phone.getByTestId('claim-send').click();
  await expect(phone.getByTestId('member-label')).toContainText(DEMO_UNITS[A]!.label, { timeout: 20_000 });
  await expect(phone.getByTestId('balance-kwh')).toBeVisible();

  // Everything is the new wallet's.
  expect(await idOf(wallet.address)).toEqual([true, A]);
  expect(await idOf(oldWallet)).toEqual([false, 0]);
  expect((await member(A)).balanceWh).toBe(balanceBefore);
  const openAfter = await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [wallet.address] });
  expect(openAfter.map((o) => o.id)).toEqual(openBefore.map((o) => o.id));
  expect(await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'proceedsOf', args: [wallet.address] })).toBe(proceeds);
  expect(await chainClient.readContract({ address: market, abi: communityMarketAbi, functionName: 'ordersOf', args: [oldWallet] })).toHaveLength(0);

  // The old wallet is refused: on-chain (cancel, withdraw, donate) and in the app (not a member).
  const bid = openBefore.find((o) => o.side === 0)!;
  await expect(
    chainClient.simulateContract({ account: oldWallet, address: market, abi: communityMarketAbi, functionName: 'cancel', args: [bid.id] }),
  ).rejects.toThrow(/NotOrderOwner/);
  await expect(chainClient.simulateContract({ account: oldWallet, address: market, abi: communityMarketAbi, functionName: 'withdraw' })).rejects.toThrow(
    /NotAMember/,
  );
  await expect(
    chainClient.simulateContract({
      account: oldWallet,
      address: community,
      abi: communityAbi,
      functionName: 'donate',
      args: [1, 1000n, toHex(0, { size: 32 })],
    }),
  ).rejects.toThrow(/NotAMember/);
  const old = await browser.newPage();
  await open(old, oldPk, `#/c/31337/${community}`);
  await expect(old.getByTestId('not-member')).toBeVisible();
  await expect(old.getByTestId('address-qr')).toHaveAttribute('data-qr-text', oldWallet);
  await old.close();

  // The new wallet cancels the bid (its escrow comes back to it) and withdraws the proceeds.
  const n = client(newPk);
  const before = await chainClient.readContract({ address: token, abi: erc20, functionName: 'balanceOf', args: [wallet.address] });
  await wait(await n.writeContract({ address: market, abi: communityMarketAbi, functionName: 'cancel', args: [bid.id] }));
  await wait(await n.writeContract({ address: market, abi: communityMarketAbi, functionName: 'withdraw' }));
  const after = await chainClient.readContract({ address: token, abi: erc20, functionName: 'balanceOf', args: [wallet.address] });
  expect(after - before).toBe(proceeds + bid.escrowToken);
  await phone.close();
});

test('a used and an expired invitation each say so, and nothing changes on-chain', async ({ browser }) => {
  const B = 2;
  const mgr = await browser.newPage();
  const link = await inviteFromConsole(mgr, B, true);
  await mgr.close();

  // Claimed once…
  const firstPk = await freshWallet();
  const first = await browser.newPage();
  const firstWallet = await open(first, firstPk, hashOf(link));
  await first.getByTestId('claim-send').click();
  await expect(first.getByTestId('member-label')).toBeVisible({ timeout: 20_000 });
  await first.close();
  expect((await member(B)).wallet).toBe(firstWallet.address);

  // …and used again by another wallet: refused before the wallet opens, nothing sent.
  const secondPk = await freshWallet();
  const second = await browser.newPage();
  const secondWallet = await open(second, secondPk, hashOf(link));
  await second.getByTestId('claim-send').click();
  await expect(second.getByTestId('claim-error')).toContainText('Este convite já foi usado');
  expect(secondWallet.calls).not.toContain('eth_sendTransaction');
  expect((await member(B)).wallet).toBe(firstWallet.address);
  expect(await idOf(secondWallet.address)).toEqual([false, 0]);
  await second.close();

  // An invitation that expired: the manager sets one that ends three seconds ahead of the chain's
  // clock, and a block is mined at that second (no waiting on the wall clock).
  const C = 3;
  const keyPk = generatePrivateKey();
  const latest = (await chainClient.getBlock()).timestamp;
  const end = (latest > BigInt(Math.floor(Date.now() / 1000)) ? latest : BigInt(Math.floor(Date.now() / 1000))) + 3n;
  await wait(
    await client(anvilPrivateKey(MANAGER_INDEX)).writeContract({
      address: community,
      abi: communityAbi,
      functionName: 'invite',
      args: [C, privateKeyToAccount(keyPk).address, end],
    }),
  );
  await chainClient.request({ method: 'evm_mine' as 'eth_chainId', params: [toHex(end)] as unknown as undefined });
  const walletBefore = (await member(C)).wallet;
  const lostPk = await freshWallet();
  const late = await browser.newPage();
  const lateWallet = await open(late, lostPk, `#/c/31337/${community}/claim/${C}/${keyPk}`);
  await late.getByTestId('claim-send').click();
  await expect(late.getByTestId('claim-error')).toContainText('Este convite venceu');
  expect(lateWallet.calls).not.toContain('eth_sendTransaction');
  expect((await member(C)).wallet).toBe(walletBefore);
  await late.close();
});
