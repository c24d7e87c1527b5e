/**
 * `npx tsx scripts/screenshot.ts <page.html> <out.png> [width]`: open a local HTML file
 * (e.g. the audit report the demo writes) in Debian's Chromium and save its first
 * screenful, to look at a report as a committee member would see it. Never downloads a
 * browser: it drives /usr/bin/chromium (`apt-get install -y chromium`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [page, out, width = '900'] = process.argv.slice(2);
if (page === undefined || out === undefined || !/^\d+$/.test(width)) {
  process.stderr.write('uso / usage: tsx scripts/screenshot.ts <page.html> <out.png> [width]\n');
  process.exit(2);
}
if (!existsSync('/usr/bin/chromium')) {
  process.stderr.write('falta /usr/bin/chromium (apt-get install -y chromium) / /usr/bin/chromium is missing\n');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const tab = await browser.newPage({ viewport: { width: Number(width), height: Math.round(Number(width) * 1.414) } });
  // A self-contained report needs no network: refuse any request that is not the file itself.
  await tab.route(/^(?!file:)/, (route) => route.abort());
  await tab.goto(pathToFileURL(resolve(page)).href, { waitUntil: 'load' });
  await tab.screenshot({ path: out });
  process.stdout.write(`${resolve(out)}\n`);
} finally {
  await browser.close();
}
