// Playwright's own browser download does not work on these machines: the e2e tests use Debian's
// Chromium. Installs it when missing and we may (root + apt-get); otherwise says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (existsSync(path)) {
  console.log(`chromium: ${path}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
  console.error(
    `Chromium not found at ${path}. Install Debian's chromium (sudo apt-get install -y chromium) ` +
      'or set CHROMIUM_PATH to a Chromium/Chrome binary, then run the tests again.',
  );
  process.exit(1);
}
console.log('chromium missing: installing Debian chromium (apt-get)…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', 'chromium'],
]) {
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(1);
  }
}
if (!existsSync(path)) {
  console.error(`apt-get installed chromium but ${path} is still missing`);
  process.exit(1);
}
console.log(`chromium installed: ${path}`);
