import { existsSync } from 'node:fs';

/** Where the browser suites find Chromium (Debian's package by default). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
/** In CI a missing Chromium or PostgreSQL is a failure, not a skip. */
export const requireAll = process.env.CI === 'true' || process.env.CLIENTELA_REQUIRE_ALL === '1';
