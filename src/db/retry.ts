/**
 * Runs a transaction again when PostgreSQL resolves a conflict that way (a deadlock `40P01`, a
 * serialisation failure `40001`, …): `run` gets the attempt number (1, 2, …); after `attempts`
 * tries, or on any other error, the error is thrown.
 */
export async function retryTransaction<T>(
  run: (attempt: number) => Promise<T>,
  options: { attempts: number; codes: ReadonlySet<string> },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= options.attempts || !code || !options.codes.has(code)) throw err;
    }
  }
}
