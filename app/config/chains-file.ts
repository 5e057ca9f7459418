/**
 * ./chains.json as read by boot.ts before the app starts (tiny on purpose: it sits in the entry
 * chunk). app/lib/chains.ts validates it and falls back to the bundled deployments.
 */
export const chainsFile: { json?: unknown; error?: unknown } = {};

export async function readChainsFile(): Promise<void> {
  try {
    const res = await fetch('./chains.json');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    chainsFile.json = await res.json();
  } catch (e) {
    chainsFile.error = e;
  }
}
