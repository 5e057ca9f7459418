// The lint rule that keeps features apart (eslint.config.js, compartilha/feature-boundaries) can fail:
// a cross-feature import is reported, the same import from shared code or inside a feature is not.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });
const rule = 'compartilha/feature-boundaries';

async function messagesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe('feature boundaries', () => {
  it('reports a feature importing another feature', async () => {
    expect(await messagesFor('app/features/donate/x.ts', "export { marketErrorsAbi } from '../market/abi.ts';\n")).toEqual([
      "Feature 'donate' imports '../market/abi.ts' from feature 'market': move what both use to app/lib or app/components.",
    ]);
    expect(await messagesFor('app/features/manage/members/x.ts', "export const load = () => import('../../charts/Chart.tsx');\n")).toHaveLength(1);
  }, 60_000); // ESLint loads the whole config (typed rules): seconds on a loaded machine

  it('allows shared code, and a feature importing itself', async () => {
    expect(await messagesFor('app/features/donate/x.ts', "export { formatKwh } from '../../lib/format.ts';\n")).toEqual([]);
    expect(await messagesFor('app/features/manage/readings/x.ts', "export { loadDirectory } from '../members/directory.ts';\n")).toEqual([]);
    expect(await messagesFor('app/components/x.ts', "export { marketErrorsAbi } from '../features/market/abi.ts';\n")).toEqual([]);
  }, 60_000); // ESLint loads the whole config (typed rules): seconds on a loaded machine
});
