// Log reads under a node's limits (issue #14), with the production build, a real anvil and the test
// wallet. The page's JSON-RPC goes through page.route on the RPC origin:
// - a node whose eth_getLogs cap is lower than the chain entry declares (Besu's rule and error):
//   the app halves the refused ranges and shows the same figures as without the cap;
// - a node that fails its eth_getLogs (an answer with an error, not a range refusal): the
//   allocation table and the statement say in words what could not be read, show no figure, and
//   offer nothing to download, file or print; once the node answers again, a retry shows them.
import { expect, test, type Page, type Route } from '@playwright/test';
import { anvilPrivateKey } from '../scripts/lib/accounts.ts';
import { DEMO_UNITS } from '../scripts/lib/demo-community.ts';
import { MANAGER_INDEX, memberIndex } from '../scripts/lib/local-community.ts';
import { chainClient } from './fixtures/chain.ts';
import { norm } from './fixtures/expected.ts';
import { E2E_RPC_URL } from './fixtures/ports.ts';
import { e2eDeployment } from './fixtures/state.ts';
import { injectWallet } from './fixtures/wallet.ts';

const community = e2eDeployment().demoCommunity;
const WALLET_TESTID = 'connect-org.compartilha.testwallet';
const RPC_ROUTE = `${new URL(E2E_RPC_URL).origin}/**`;
/** The routed node refuses eth_getLogs with to − from above this (Besu --rpc-max-logs-range 7). */
const NODE_CAP = 7n;

type Call = { jsonrpc: string; id: unknown; method: string; params?: unknown[] };
type Seen = { refused: number; ranges: bigint[] };

/** Answers one call instead of the node (undefined: the node answers). The app sends no batches. */
async function routeRpc(page: Page, answer: (call: Call) => Promise<object | undefined> | object | undefined) {
  await page.route(RPC_ROUTE, async (route: Route) => {
    const req = route.request();
    const body = req.method() === 'POST' ? (JSON.parse(req.postData() ?? 'null') as Call | Call[] | null) : null;
    const own = body && !Array.isArray(body) ? await answer(body) : undefined;
    if (!own) return route.continue();
    return route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify(own) });
  });
}

/** A node with a smaller eth_getLogs cap than the chain entry's (1,000): refuses as Besu does. */
async function cappedNode(page: Page): Promise<Seen> {
  const seen: Seen = { refused: 0, ranges: [] };
  await routeRpc(page, async (call) => {
    if (call.method !== 'eth_getLogs') return undefined;
    const f = call.params?.[0] as { fromBlock?: string; toBlock?: string };
    const block = async (tag: string | undefined) => (tag === undefined || !tag.startsWith('0x') ? chainClient.getBlockNumber() : BigInt(tag));
    const span = (await block(f.toBlock)) - (await block(f.fromBlock));
    if (span <= NODE_CAP) {
      seen.ranges.push(span);
      return undefined;
    }
    seen.refused++;
    return { jsonrpc: '2.0', id: call.id, error: { code: -32005, message: 'Requested range exceeds maximum RPC range limit' } };
  });
  return seen;
}

/** A node whose eth_getLogs fail (an internal error: not a range to split). `on.fail` switches it. */
async function failingLogs(page: Page): Promise<{ fail: boolean }> {
  const on = { fail: true };
  await routeRpc(page, (call) =>
    on.fail && call.method === 'eth_getLogs' ? { jsonrpc: '2.0', id: call.id, error: { code: -32603, message: 'Internal error' } } : undefined,
  );
  return on;
}

async function open(page: Page, accountIndex: number, lang: 'pt-BR' | 'en', path: string) {
  await page.addInitScript((l) => localStorage.setItem('compartilha.lang', l), lang);
  await injectWallet(page, { privateKey: anvilPrivateKey(accountIndex), rpcUrl: E2E_RPC_URL });
  await page.goto(`./#/c/31337/${community}${path}`);
  await page.getByTestId(WALLET_TESTID).click();
}

const words = {
  'pt-BR': {
    heading: 'Tabela de rateio do próximo ciclo',
    failedTitle: 'A tabela não pôde ser calculada',
    failed: 'Não foi possível ler da rede todas as transferências do ciclo',
    statementFailed: 'Não foi possível ler da rede o fechamento deste ciclo: o extrato não é mostrado nem pode ser impresso.',
  },
  en: {
    heading: "Next cycle's allocation table",
    failedTitle: 'The table could not be computed',
    failed: "Not all of the cycle's transfers (donations, the solidarity pool and the market) could be read from the network.",
    statementFailed: "This cycle's settlement could not be read from the network: the statement is not shown and cannot be printed.",
  },
} as const;

async function allocationPercents(page: Page): Promise<string[]> {
  const section = page.getByRole('region', { name: words['pt-BR'].heading, exact: true });
  await expect(section.getByTestId('allocation-row')).toHaveCount(DEMO_UNITS.length);
  return (await section.getByTestId('allocation-pct').allTextContents()).map(norm);
}

test('a node with a lower eth_getLogs cap than declared: the allocation table and the statement are the same, read in ranges it accepts', async ({
  browser,
}) => {
  const plain = await browser.newPage();
  await open(plain, MANAGER_INDEX, 'pt-BR', '/manage');
  const expected = await allocationPercents(plain);
  await plain.close();

  const page = await browser.newPage();
  const seen = await cappedNode(page);
  await open(page, MANAGER_INDEX, 'pt-BR', '/manage');
  expect(await allocationPercents(page)).toEqual(expected);
  await expect(page.getByTestId('allocation-export')).toBeEnabled();
  expect(seen.refused).toBeGreaterThan(0);
  expect(seen.ranges.every((s) => s <= NODE_CAP)).toBe(true);
  await page.close();

  // The worked example's statement (domain.md §6), its close read in ranges of ≤ 8 blocks.
  const resident = await browser.newPage();
  const r = await cappedNode(resident);
  await open(resident, memberIndex(0), 'pt-BR', '/statement/202610');
  await expect(resident.getByTestId('statement-allocated')).toContainText('720 kWh');
  await expect(resident.getByTestId('statement-bill')).toContainText('R$ 84,00');
  expect(r.ranges.every((s) => s <= NODE_CAP)).toBe(true);
  await resident.close();
});

for (const lang of ['pt-BR', 'en'] as const) {
  test(`logs that fail: the allocation table says so, shows no figure and offers no export; a retry shows it (${lang})`, async ({ page }) => {
    const w = words[lang];
    const node = await failingLogs(page);
    await open(page, MANAGER_INDEX, lang, '/manage');
    const section = page.locator('#allocation');
    const failed = section.getByTestId('allocation-read-failed');
    await expect(failed).toContainText(w.failedTitle);
    await expect(failed).toContainText(w.failed);
    await expect(section.getByTestId('allocation-row')).toHaveCount(0);
    await expect(section.getByTestId('allocation-pct')).toHaveCount(0);
    await expect(section.getByTestId('allocation-export')).toHaveCount(0);
    await expect(section.getByTestId('allocation-export-anyway')).toHaveCount(0);
    await expect(section.getByRole('button', { name: /CSV|Baixar|Download|Registrar|File/i })).toHaveCount(0);

    node.fail = false;
    await failed.getByTestId('retry').click();
    await expect(section.getByTestId('allocation-row')).toHaveCount(DEMO_UNITS.length);
    await expect(section.getByTestId('allocation-export')).toBeEnabled();
  });

  test(`logs that fail: the statement says what it could not read and prints nothing (${lang})`, async ({ page }) => {
    const node = await failingLogs(page);
    await open(page, memberIndex(0), lang, '/statement/202610');
    await expect(page.getByRole('alert')).toContainText(words[lang].statementFailed);
    await expect(page.getByTestId('statement-bill')).toHaveCount(0);
    await expect(page.getByTestId('statement-print')).toHaveCount(0);
    node.fail = false;
    await page.getByTestId('retry').click();
    await expect(page.getByTestId('statement-bill')).toContainText(lang === 'en' ? 'R$' : 'R$ 84,00');
    await expect(page.getByTestId('statement-print')).toBeVisible();
  });
}
