import type { Keyring } from './secret-box.ts';

/**
 * The process's encryption keyring, installed once by the composition root (server start-up, the CLI,
 * test support) from the configured key. Services that seal or open personal data read it here; a
 * process that never installed one refuses (fails closed) rather than storing plain text.
 */
let installed: Keyring | undefined;

export function installKeyring(ring: Keyring): void {
  installed = ring;
}

/** The installed keyring; throws when none was installed. */
export function useKeyring(): Keyring {
  if (!installed) throw new Error('no encryption keyring installed (the composition root loads it at start-up)');
  return installed;
}

export function hasKeyring(): boolean {
  return installed !== undefined;
}
