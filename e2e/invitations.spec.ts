// Invitations (issue #12), end to end: the manager invites a unit from the console (the key is made
// in the page and travels only in the link's fragment), the resident opens the link with whatever
// wallet is connected and claims it, and lands on the dashboard. A lost phone: a new invitation for
// a member with an open sell order, an open buy order and proceeds; all of it is found under the new
// wallet and the old wallet is refused. A used, an expired and a revoked invitation say so before any
// wallet is asked for, and change nothing on-chain. A wallet the manager entered directly confirms
// its membership from the dashboard. The chain is snapshotted before and reverted after.
import { expect, test, type Page } from '@playwright/test';
import { createWalletClient, http, keccak256, parseAbi, toHex, zeroAddress, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { communityAbi, communityMarketAbi, communityRegistryAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { DEMO_UNITS } from '../scripts/lib/demo-community.ts';
import { MANAGER_INDEX, memberIndex } from '../scripts/lib/local-community.ts';
import { chainClient, e2eChain, revertChain, snapshotChain } from './fixtures/chain.ts';
import { ensurePaymentToken } from './fixtures/market.ts';
import { E2E_RPC_URL, E2E_ZERO_GAS } from './fixtures/ports.ts';
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

const client = (pk: Hex) => createWalletClient({ account: privateKeyToAccount(pk), chain: e2eChain, transport: http(E2E_RPC_URL) });
const wait = async (hash: Hex) => {
  const r = await chainClient.waitForTransactionReceipt({ hash });
  if (r.status !== 'success') throw new Error(`${hash} reverted`);
};
const member = (id: number) => chainClient.readContract({ address: community, abi: communityAbi, functionName: 'member', args: [id] });
const idOf = (w: Address) => chainClient.readContract({ address: community, abi: communityAbi, functionName: 'memberIdOf', args: [w] });

/** A phone's new wallet: a fresh key, with some ETH for gas where the chain charges it (none on the zero-gas run). */
async function freshWallet(): Promise<Hex> {
  const pk = generatePrivateKey();
  if (E2E_ZERO_GAS) return pk;
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

/** Opens a link with a wallet injected but not connected: what the page says before any wallet is asked. */
async function openUnconnected(page: Page, hash: string): Promise<TestWallet> {
  const wallet = await injectWallet(page, { privateKey: await freshWallet(), rpcUrl: E2E_RPC_URL });
  await page.goto(`./${hash}`);
  return wallet;
}

async function expectUnusable(page: Page, status: 'used' | 'expired' | 'replaced', sentence: string, wallet: TestWallet) {
  const box = page.getByTestId('claim-unusable');
  await expect(box).toHaveAttribute('data-status', status);
  await expect(box).toContainText(sentence);
  // Said before any wallet or passkey is asked for: no connect screen, no account requested.
  await expect(page.getByTestId(WALLET_TESTID)).toHaveCount(0);
  await expect(page.getByTestId('passkey-card')).toHaveCount(0);
  expect(wallet.calls).not.toContain('eth_requestAccounts');
  expect(wallet.calls).not.toContain('eth_sendTransaction');
}

test('a used, an expired and a revoked invitation each say so before any wallet is asked, and nothing changes on-chain', async ({ browser }) => {
  const B = 2;
  const mgr = await browser.newPage();
  const link = await inviteFromConsole(mgr, B, true);
  await mgr.close();

  // Two people open the same link; the first claims it…
  const secondPk = await freshWallet();
  const second = await browser.newPage();
  const secondWallet = await open(second, secondPk, hashOf(link));
  await expect(second.getByTestId('claim-send')).toBeVisible();
  const firstPk = await freshWallet();
  const first = await browser.newPage();
  const firstWallet = await open(first, firstPk, hashOf(link));
  await first.getByTestId('claim-send').click();
  await expect(first.getByTestId('member-label')).toBeVisible({ timeout: 20_000 });
  await first.close();
  expect((await member(B)).wallet).toBe(firstWallet.address);

  // …and the second, whose page still offers it, is refused before its wallet sends anything.
  await second.getByTestId('claim-send').click();
  await expect(second.getByTestId('claim-error')).toContainText('Este convite já foi usado');
  expect(secondWallet.calls).not.toContain('eth_sendTransaction');
  expect((await member(B)).wallet).toBe(firstWallet.address);
  expect(await idOf(secondWallet.address)).toEqual([false, 0]);
  await second.close();

  // Opened again later: the page says it is used at once, and points a member to the dashboard.
  const third = await browser.newPage();
  await expectUnusable(third, 'used', 'Este convite já foi usado', await openUnconnected(third, hashOf(link)));
  await expect(third.getByTestId('claim-unusable').getByRole('link', { name: /Abrir meu painel/ })).toBeVisible();
  await third.close();

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
  const late = await browser.newPage();
  await expectUnusable(late, 'expired', 'Este convite venceu', await openUnconnected(late, `#/c/31337/${community}/claim/${C}/${keyPk}`));
  expect((await member(C)).wallet).toBe(walletBefore);
  await late.close();

  // A link sent to the wrong person: the console shows the open invitation and revokes it.
  const console_ = await browser.newPage();
  const wrong = await inviteFromConsole(console_, C, true);
  await console_.getByTestId('invite-panel').getByRole('button', { name: 'Fechar' }).last().click();
  await console_.getByTestId(`member-invite-${C}`).click();
  await expect(console_.getByTestId('invite-pending')).toContainText('ainda não aceito');
  await console_.getByTestId('invite-revoke').click();
  await expect(console_.getByTestId('invite-revoked')).toContainText('Convite cancelado');
  await console_.close();
  const [key, , used] = await chainClient.readContract({ address: community, abi: communityAbi, functionName: 'invitation', args: [C] });
  expect([key, used]).toEqual([zeroAddress, false]);
  const revoked = await browser.newPage();
  await expectUnusable(revoked, 'replaced', 'cancelado ou trocado', await openUnconnected(revoked, hashOf(wrong)));
  expect((await member(C)).wallet).toBe(walletBefore);
  await revoked.close();
});

test('a wallet the manager entered directly is listed in "my communities" only once it confirms', async ({ browser }) => {
  // The manager enters a new unit with its wallet (no invitation): the registry does not list it.
  const pk = await freshWallet();
  const address = privateKeyToAccount(pk).address;
  const registry = e2eDeployment().registry;
  const listed = () => chainClient.readContract({ address: registry, abi: communityRegistryAbi, functionName: 'hasMembership', args: [address, community] });
  await wait(
    await client(anvilPrivateKey(MANAGER_INDEX)).writeContract({
      address: community,
      abi: communityAbi,
      functionName: 'addMember',
      args: [address, keccak256(toHex(`unit ${address}`)), 0, 0, 'Apto 777'],
    }),
  );
  expect(await listed()).toBe(false);
  const page = await browser.newPage();
  await open(page, pk, `#/c/31337/${community}`);
  await expect(page.getByTestId('member-label')).toContainText('Apto 777', { timeout: 20_000 });
  // The dashboard asks the registry only when the member asks (its call budget stays as it was).
  await page.getByTestId('membership-check').click();
  await expect(page.getByTestId('accept-membership')).toContainText('ainda não aparece');
  await page.getByTestId('accept-membership-send').click();
  await expect(page.getByTestId('membership-listed')).toBeVisible({ timeout: 20_000 });
  expect(await listed()).toBe(true);
  await page.close();
  // A member already listed sees no such notice.
  const again = await browser.newPage();
  await open(again, pk, `#/c/31337/${community}`);
  await expect(again.getByTestId('member-label')).toContainText('Apto 777', { timeout: 20_000 });
  await again.getByTestId('membership-check').click();
  await expect(again.getByTestId('membership-already')).toBeVisible();
  await expect(again.getByTestId('accept-membership')).toHaveCount(0);
  await again.close();
});
