import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from './environment.ts';

/**
 * Debian's Chromium, headless, with the flags this machine needs (no sandbox as root, and no
 * background networking: the network is closed and Chromium would retry forever).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
