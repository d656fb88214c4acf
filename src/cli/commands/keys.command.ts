import type { Command } from 'commander';
import type { Config } from '../../config/config.ts';
import { installKeyring } from '../../core/keyring.ts';
import { createKeyring, generateKey, type Keyring } from '../../core/secret-box.ts';
import type { Database } from '../../db/database.ts';
import { findUnknownDocumentKeys, resealDocuments } from '../../modules/guests/index.ts';
import { loadKeyring, readKeyFile, writeKeyFile } from '../../server/encryption-keys.ts';
import { CliError, withDatabase } from '../cli-context.ts';

/**
 * `clientela keys generate | rotate` (docs/guide/privacy/documents.md). A rotation re-encrypts every
 * stored ID document number under the current key, one transaction per batch of 500, and can be
 * run again after an interruption (it picks up the values not yet under the current key).
 * - With CLIENTELA_ENCRYPTION_KEY: set the new key there and the old one in
 *   CLIENTELA_ENCRYPTION_KEY_PREVIOUS, run `keys rotate`, then remove the old key.
 * - With the embedded engine's key file: `keys rotate` writes a new key at the top of the file
 *   (keeping the old one below it), re-encrypts, then removes the old key from the file.
 */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('Encryption keys of ID documents (generate, rotate)');
  keys
    .command('generate')
    .description('Print a new random key for CLIENTELA_ENCRYPTION_KEY (32 bytes, base64)')
    .action(() => {
      console.log(generateKey().toString('base64'));
    });
  keys
    .command('rotate')
    .description('Re-encrypt every ID document number under the current key (resumable)')
    .action(async () => {
      await withDatabase(async (database, config) => {
        const ring = config.encryption.key ? loadKeyring(config) : rotateKeyFile(config);
        await reencrypt(database, ring);
        if (config.encryption.key) {
          console.log(
            config.encryption.previous.length
              ? 'Done. Remove CLIENTELA_ENCRYPTION_KEY_PREVIOUS from the environment: no value needs it any more.'
              : `Done. Every value is under key ${ring.current.id}. To rotate, set a new CLIENTELA_ENCRYPTION_KEY (npx clientela keys generate) with the old one in CLIENTELA_ENCRYPTION_KEY_PREVIOUS, then run this again.`,
          );
        } else {
          writeKeyFile(config.encryption.keyFile, [ring.current.key]);
          console.log(`Done. ${config.encryption.keyFile} now holds only key ${ring.current.id}: back it up again.`);
        }
      });
    });
}

/** Puts a new key at the top of the key file (unless an interrupted rotation already did). */
function rotateKeyFile(config: Config): Keyring {
  if (config.database.kind === 'postgres')
    throw new CliError('CLIENTELA_ENCRYPTION_KEY is required with DATABASE_URL (see `npx clientela keys generate`)');
  const existing = readKeyFile(config.encryption.keyFile);
  if (!existing?.length)
    throw new CliError(`No key file at ${config.encryption.keyFile}: start the server once first.`);
  if (existing.length > 1) {
    console.log(`Resuming the rotation to key ${createKeyring(existing[0]!).current.id} found in the key file.`);
    return createKeyring(existing[0]!, [...existing.slice(1), ...config.encryption.previous]);
  }
  const next = generateKey();
  writeKeyFile(config.encryption.keyFile, [next, ...existing]);
  const ring = createKeyring(next, [...existing, ...config.encryption.previous]);
  console.log(`New key ${ring.current.id} written to ${config.encryption.keyFile} (the old key stays until the end).`);
  return ring;
}

async function reencrypt(database: Database, ring: Keyring): Promise<void> {
  const unknown = await findUnknownDocumentKeys(database.system, ring);
  if (unknown.length)
    throw new CliError(
      `Some values are encrypted with key ${unknown.join(', ')}, which is not configured: add it to CLIENTELA_ENCRYPTION_KEY_PREVIOUS (or the key file) first.`,
    );
  installKeyring(ring);
  const total = await resealDocuments(database.system, ring, (p) =>
    console.log(`  ${p.place}: ${p.done} re-encrypted`),
  );
  console.log(`Re-encrypted ${total} value(s) under key ${ring.current.id}.`);
}
