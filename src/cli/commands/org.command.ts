import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { systemGrantor } from '../../modules/auth/grant.ts';
import { assertPasswordPolicy } from '../../modules/auth/password.ts';
import { createStaff, PasswordSchema } from '../../modules/staff/index.ts';
import { createOrganisation } from '../../modules/tenancy/index.ts';
import { CliError, withDatabase } from '../cli-context.ts';

const OrgCreateOptions = z.object({
  name: z.string().trim().min(1).max(200),
  ownerEmail: z.email('must be an e-mail address').max(254),
  ownerPassword: PasswordSchema.optional(),
  propertyName: z.string().trim().min(1).max(200),
  json: z.boolean().optional(),
});

/** `clientela org create`: a new organisation with its first property and its first owner. */
export function registerOrgCommand(program: Command): void {
  const org = program.command('org').description('Manage organisations');
  org
    .command('create')
    .description('Create an organisation with a property and its first owner; prints the organisation id')
    .requiredOption('--name <name>', 'the organisation (hotel or group) name')
    .requiredOption('--owner-email <email>', 'the first owner, who signs in at /admin with this e-mail')
    .option('--owner-password <password>', 'their password (10+ characters; default: a generated one, printed once)')
    .option('--property-name <name>', 'the first property', 'Main property')
    .option('--json', 'print {orgId, propertyId, ownerId, ownerEmail[, ownerPassword]} as JSON')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = OrgCreateOptions.safeParse(raw);
      if (!parsed.success)
        throw new CliError(parsed.error.issues.map((i) => `--${kebab(String(i.path[0]))}: ${i.message}`).join('; '));
      const opts = parsed.data;
      const generated = opts.ownerPassword ? undefined : randomBytes(12).toString('base64url');
      const password = opts.ownerPassword ?? generated!;
      try {
        // Checked before anything is created, so a weak password leaves no organisation without an owner.
        assertPasswordPolicy(password, { userInputs: [opts.ownerEmail] });
      } catch (err) {
        throw err instanceof AppError
          ? new CliError(`--owner-password: ${err.details[0]?.message ?? err.message}`)
          : err;
      }
      const email = opts.ownerEmail.toLowerCase();
      await withDatabase(async (database) => {
        // Checked first so a taken e-mail leaves no organisation without an owner behind.
        const taken = await database.system
          .selectFrom('staffUser')
          .select('orgId')
          .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
          .executeTakeFirst();
        if (taken)
          throw new CliError(`A staff member with the e-mail ${email} already exists (organisation ${taken.orgId})`);
        const { orgId, propertyId } = await createOrganisation(database.system, {
          name: opts.name,
          propertyName: opts.propertyName,
        });
        const ctx = {
          db: database.forOrg(orgId),
          orgId,
          actor: { actorType: 'cli' as const, actorId: null },
          requestId: null,
          permissions: 'system' as const,
        };
        const owner = await createStaff(
          ctx,
          { name: 'Owner', email, role: 'owner', password, language: 'en' },
          systemGrantor(),
        ).catch((err: unknown) => {
          throw err instanceof AppError ? new CliError(err.message) : err;
        });
        if (opts.json) {
          console.log(
            JSON.stringify({
              orgId,
              propertyId,
              ownerId: owner.id,
              ownerEmail: email,
              ...(generated ? { ownerPassword: generated } : {}),
            }),
          );
        } else {
          console.log(`Created organisation ${orgId} ("${opts.name}") with property ${propertyId}.`);
          console.log(
            `Owner ${email} can sign in at /admin${generated ? ` with the password (shown once): ${generated}` : ''}.`,
          );
        }
      });
    });
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
