// `npm run dev`: builds the contracts, starts a local chain (anvil, chain 31337, port 8545),
// deploys the registry, seeds the demo condominium, writes contracts-abi/deployments/31337.json
// and serves the app with Vite. Ctrl+C stops everything.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from 'vite';
import { anvilPrivateKey } from './lib/accounts.ts';
import { DEMO_UNITS } from './lib/demo-community.ts';
import { writeDeployment } from './lib/deploy.ts';
import { MANAGER_INDEX, memberIndex, startLocalCommunity } from './lib/local-community.ts';
import { foundryBin } from './lib/foundry.ts';

const root = join(import.meta.dirname, '..');
const CHAIN_PORT = Number(process.env.CHAIN_PORT ?? 8545);
const APP_PORT = Number(process.env.APP_PORT ?? 5173);

function step(title: string) {
  console.log(`\n▸ ${title}`);
}

step('Compilando os contratos (forge build)…');
const build = spawnSync(foundryBin('forge'), ['build'], { cwd: join(root, 'contracts'), stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

step(`Iniciando a rede local (anvil, porta ${CHAIN_PORT}) e o condomínio de demonstração…`);
const { chain, deployment } = await startLocalCommunity(CHAIN_PORT, (line) => console.log(`  ${line}`));
writeDeployment({ ...deployment, rpcUrl: `http://127.0.0.1:${CHAIN_PORT}` });

step('Servindo o app (Vite)…');
const server = await createServer({ root, server: { port: APP_PORT, strictPort: true, host: '127.0.0.1' } });
await server.listen();

const url = `http://127.0.0.1:${APP_PORT}/`;
console.log(`
Compartilha está no ar: ${url}

  Sem instalar nada: abra o link, toque em "Carteira de demonstração" e escolha um apartamento
  (ou o Síndico). With MetaMask instead: add the network RPC ${chain.rpcUrl}, chain id 31337,
  and import one of these anvil test keys (public, worthless outside this local chain):
    Síndico   ${anvilPrivateKey(MANAGER_INDEX)}
${DEMO_UNITS.map((u, i) => `    ${u.label}  ${anvilPrivateKey(memberIndex(i))}`).join('\n')}

Ctrl+C para parar.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close();
  await chain.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
