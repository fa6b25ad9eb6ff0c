/**
 * The headless browser for page tests: Debian's Chromium driven by playwright-core, never a
 * browser a tool downloads. Where none is installed the suite is skipped with a visible line,
 * except with CI=true, where it fails (CI must run it: `apt-get install -y chromium`).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe, it } from 'vitest';

export const chromiumPath = process.env.ORION_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Launches the installed Chromium headless, with the flags this machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** `describe(title, body)` where Chromium is installed; otherwise skipped with a line saying why, or failing with CI=true. */
export function describeWithBrowser(title: string, body: () => void): void {
  if (existsSync(chromiumPath)) {
    describe(title, body);
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs Chromium with CI=true', () => {
        throw new Error(`No browser at ${chromiumPath}: install Debian's chromium (apt-get install -y chromium).`);
      });
    });
  } else {
    console.warn(`\n  No browser at ${chromiumPath} (apt-get install -y chromium): skipping "${title}".\n`);
    describe.skip(`${title} (skipped: no browser at ${chromiumPath})`, body);
  }
}
