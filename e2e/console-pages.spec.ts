// The manager's console reads members, the open cycle's readings and the credits expiring at the
// close through `consolePage` (storage, in pages), not one `lotsOf` per member nor ReadingPosted
// logs; a page that fails leaves the console saying what it could not load, with nothing to send.
import { expect, test, type Page, type Request } from '@playwright/test';
import { getAbiItem, toEventSelector, toFunctionSelector } from 'viem';
import { communityAbi } from '../contracts-abi/abis.ts';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { MANAGER_INDEX } from '../scripts/lib/local-community.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const RPC_ROUTE = `${new URL(E2E_RPC_URL).origin}/**`;
const CONSOLE_PAGE = toFunctionSelector(getAbiItem({ abi: communityAbi, name: 'consolePage' }));
const LOTS_OF = toFunctionSelector(getAbiItem({ abi: communityAbi, name: 'lotsOf' }));
const READING_POSTED = toEventSelector(getAbiItem({ abi: communityAbi, name: 'ReadingPosted' }));

interface Call {
  method: string;
  params: { data?: string; input?: string; topics?: (string | null)[] }[];
}

function callsOf(r: Request): Call[] {
  if (!r.url().startsWith(new URL(E2E_RPC_URL).origin) || r.method() !== 'POST') return [];
  const body = JSON.parse(r.postData() ?? 'null') as Call | Call[] | null;
  return body === null ? [] : Array.isArray(body) ? body : [body];
}

const calldata = (c: Call) => c.params[0]?.data ?? c.params[0]?.input ?? '';

async function openConsole(page: Page) {
  await injectWallet(page, { privateKey: anvilPrivateKey(MANAGER_INDEX), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}/manage`);
  await page.getByTestId('connect-org.compartilha.testwallet').click();
}

test('the console reads its members, readings and expiring credits in one consolePage call, not lotsOf per member nor ReadingPosted logs', async ({ page }) => {
  const calls: Call[] = [];
  page.on('request', (r) => calls.push(...callsOf(r)));
  await openConsole(page);
  await expect(page.getByTestId('manage-title')).toBeVisible();
  await expect(page.getByTestId('close-expiring')).not.toHaveText('…');
  await expect(page.getByTestId('close-expiring')).toContainText('kWh');
  const ethCalls = calls.filter((c) => c.method === 'eth_call');
  expect(
    ethCalls.filter((c) => calldata(c).startsWith(CONSOLE_PAGE)),
    'one page for the 6 demo members',
  ).toHaveLength(1);
  expect(ethCalls.filter((c) => calldata(c).startsWith(LOTS_OF))).toHaveLength(0);
  const readingLogs = calls.filter((c) => c.method === 'eth_getLogs' && (c.params[0]?.topics ?? []).flat().includes(READING_POSTED));
  expect(readingLogs).toHaveLength(0);
});

test('a consolePage that fails: the console says what it could not read, shows no figure and offers nothing to send; retry loads it', async ({ page }) => {
  await page.route(RPC_ROUTE, async (route) => {
    const failing = callsOf(route.request()).some((c) => c.method === 'eth_call' && calldata(c).startsWith(CONSOLE_PAGE));
    if (!failing) return route.fallback();
    const { id } = JSON.parse(route.request().postData() ?? '{}') as { id?: number };
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ jsonrpc: '2.0', id: id ?? 1, error: { code: -32000, message: 'out of gas' } }),
    });
  });
  await openConsole(page);
  const alert = page.getByTestId('error');
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText('Não foi possível ler os membros, as leituras do ciclo aberto e os créditos a vencer (página 1 de 1)');
  for (const id of ['manage-title', 'readings-send', 'close-send', 'close-expiring', 'allocation-table']) await expect(page.getByTestId(id)).toHaveCount(0);
  await page.unroute(RPC_ROUTE);
  await page.getByTestId('retry').click();
  await expect(page.getByTestId('manage-title')).toBeVisible();
  await expect(page.getByTestId('close-expiring')).toContainText('kWh');
});
