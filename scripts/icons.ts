// The home-screen icons (public/icon-*.png, public/apple-touch-icon.png) drawn from public/favicon.svg
// with the e2e suite's Chromium (no image tool needed). Run after changing the favicon, and commit
// the PNGs:   npx tsx scripts/icons.ts
// - icon-192.png, icon-512.png: the favicon as it is (rounded corners), purpose "any";
// - icon-maskable-512.png: full-bleed background, the drawing inside the maskable safe zone (80 %);
// - apple-touch-icon.png (180): full-bleed (iOS rounds the corners itself and shows transparency as black).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const publicDir = join(import.meta.dirname, '..', 'public');
const svg = readFileSync(join(publicDir, 'favicon.svg'), 'utf8');
const BACKGROUND = /<rect width="64" height="64" rx="12" fill="#0b5d3b"\/>/;
if (!BACKGROUND.test(svg)) throw new Error('public/favicon.svg: the background <rect> changed; update scripts/icons.ts');

const fullBleed = svg.replace(BACKGROUND, '<rect width="64" height="64" fill="#0b5d3b"/>');
const drawing = svg
  .replace(BACKGROUND, '')
  .replace(/^<svg[^>]*>/, '')
  .replace(/<\/svg>\s*$/, '');
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#0b5d3b"/><g transform="translate(6.4 6.4) scale(0.8)">${drawing}</g></svg>`;

const icons: [file: string, size: number, source: string][] = [
  ['icon-192.png', 192, svg],
  ['icon-512.png', 512, svg],
  ['icon-maskable-512.png', 512, maskable],
  ['apple-touch-icon.png', 180, fullBleed],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [file, size, source] of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${size}" height="${size}" style="display:block">`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    writeFileSync(join(publicDir, file), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    await page.close();
    console.log(`public/${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
