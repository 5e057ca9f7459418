// The screens that read logs, on a chain made long with empty blocks, through a node that caps
// eth_getLogs the way Besu does (issue #14): scripts/lib/capping-proxy.ts at 1,000 blocks in front of
// the e2e anvil. The page gets the proxy as its RPC from a served chains.json (what an operator's
// edited chains.json does; the build is the same), which also declares logsBlockRange 1,000. Every
// screen must show its on-chain figures with no eth_getLogs refused. The chain is snapshotted
// before the empty blocks and reverted after, so other spec files see the seeded state.
import { expect, test, type Page } from '@playwright/test';
import { numberToHex, type Hex } from 'viem';
import { communityAbi } from '../../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../../scripts/lib/accounts.ts';
import { startCappingProxy, type CappingProxy } from '../../scripts/lib/capping-proxy.ts';
import { DEMO_UNITS } from '../../scripts/lib/demo-community.ts';
import { MANAGER_INDEX, memberIndex } from '../../scripts/lib/local-community.ts';
import { chainClient, readDashboard, revertChain, snapshotChain } from '../fixtures/chain.ts';
import { norm } from '../fixtures/expected.ts';
import { E2E_RPC_URL } from '../fixtures/ports.ts';
import { e2eDeployment } from '../fixtures/state.ts';
import { injectWallet } from '../fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const CAP = 1_000;
/** Empty blocks added after the seeded state: the history then spans three ranges of the cap. */
const EMPTY_BLOCKS = 2_100;

let proxy: CappingProxy;
let snapshot: Hex;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  snapshot = await snapshotChain();
  // In steps: anvil_mine slows down as the chain grows, and one long request could time out.
  for (let left = EMPTY_BLOCKS; left > 0; left -= 300)
    await chainClient.request({ method: 'anvil_mine' as never, params: [numberToHex(Math.min(300, left))] as never });
  proxy = await startCappingProxy({ target: E2E_RPC_URL, cap: CAP });
});

test.afterAll(async () => {
  console.log(
    `[bench] capped-long-chain: ${proxy?.total()} calls through the proxy, ${proxy?.rejected()} eth_getLogs refused (${JSON.stringify(proxy?.counts())})`,
  );
  await proxy?.close();
  await revertChain(snapshot);
});

/** The app's chains.json with the local chain's RPC at the proxy and its declared cap. */
async function throughProxy(page: Page) {
  await page.route('**/chains.json', async (route) => {
    const res = await route.fetch();
    const list = (await res.json()) as { chainId: number }[];
    await route.fulfill({ response: res, json: list.map((d) => (d.chainId === 31337 ? { ...d, rpcUrl: proxy.url, logsBlockRange: CAP } : d)) });
  });
}

async function open(page: Page, accountIndex: number, path: string) {
  await throughProxy(page);
  const wallet = await injectWallet(page, { privateKey: anvilPrivateKey(accountIndex), rpcUrl: proxy.url });
  await page.goto(`./#/c/31337/${community}${path}`);
  await page.getByTestId(WALLET_TESTID).click();
  return wallet;
}

test('the chain is longer than the cap several times over, and the proxy refuses what Besu would', async () => {
  const head = await chainClient.getBlockNumber();
  expect(head - BigInt(e2eDeployment().registryBlock)).toBeGreaterThan(2n * BigInt(CAP));
  const refused = (await (
    await fetch(proxy.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getLogs', params: [{ fromBlock: '0x0', toBlock: 'latest' }] }),
    })
  ).json()) as { error?: { code: number } };
  expect(refused.error?.code).toBe(-32005);
  proxy.reset();
});

test('dashboard and statement: the last settlement and the worked example (domain.md §6)', async ({ page }) => {
  await open(page, memberIndex(0), '');
  await expect(page.getByTestId('bill-brl')).toBeVisible();
  await page.goto(`./#/c/31337/${community}/statement/202610`);
  await expect(page.getByTestId('statement-allocated')).toContainText('720 kWh');
  await expect(page.getByTestId('statement-bill')).toContainText('R$ 84,00');
  expect(proxy.rejected()).toBe(0);
});

test('history: complete (12 closes of unit A, as on the chain) in ranges of the cap', async ({ page }) => {
  proxy.reset();
  const wallet = await open(page, memberIndex(0), '/history');
  await expect(page.getByTestId('history-progress')).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
  const d = await readDashboard(community, wallet.address);
  const settled = await chainClient.getContractEvents({
    address: community,
    abi: communityAbi,
    eventName: 'MemberSettled',
    args: { memberId: d.member.id },
    fromBlock: 0n,
    strict: true,
  });
  await expect(page.locator('[data-testid="history-row"][data-kind="settled"]')).toHaveCount(settled.length);
  expect(settled.length).toBe(12);
  expect(proxy.rejected()).toBe(0);
  const head = await chainClient.getBlockNumber();
  const ranges = Math.ceil(Number(head - BigInt(e2eDeployment().registryBlock) + 1n) / CAP);
  console.log(`[bench] capped-long-chain history: ${proxy.counts().eth_getLogs} eth_getLogs for ${ranges} ranges of ${CAP} blocks`);
  expect(proxy.counts().eth_getLogs).toBeGreaterThanOrEqual(2 * ranges);
});

test('market: the recent trades read newest first in ranges of the cap, no error', async ({ page }) => {
  await open(page, memberIndex(0), '/market');
  const card = page.getByRole('region', { name: 'Negócios recentes', exact: true });
  // Trades, or the sentence that there are none (the walk back reached the deployment: 3 ranges, under its bound of 8).
  await expect(card.getByTestId('trade-row').first().or(card.getByText('Nenhum negócio ainda.'))).toBeVisible();
  await expect(card.locator('.error-text')).toHaveCount(0);
  expect(proxy.rejected()).toBe(0);
});

test("the manager's allocation table: the same figures as read straight from the node, export enabled", async ({ browser }) => {
  const direct = await browser.newPage();
  await injectWallet(direct, { privateKey: anvilPrivateKey(MANAGER_INDEX), rpcUrl: E2E_RPC_URL });
  await direct.goto(`./#/c/31337/${community}/manage`);
  await direct.getByTestId(WALLET_TESTID).click();
  const rowsOf = async (p: Page) => {
    const section = p.locator('#allocation');
    await expect(section.getByTestId('allocation-row')).toHaveCount(DEMO_UNITS.length);
    return (await section.getByTestId('allocation-row').allTextContents()).map(norm);
  };
  const expected = await rowsOf(direct);
  await direct.close();

  const page = await browser.newPage();
  await open(page, MANAGER_INDEX, '/manage');
  expect(await rowsOf(page)).toEqual(expected);
  await expect(page.getByTestId('allocation-export')).toBeEnabled();
  await page.close();
});
