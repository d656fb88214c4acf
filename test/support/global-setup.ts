import { CHROMIUM_PATH, hasChromium, requireAll } from './environment.ts';

/** Says clearly, before and after the run, which suites were skipped and how to run them. */
export default function setup(): () => void {
  const notes: string[] = [];
  if (!hasChromium) {
    if (requireAll)
      throw new Error(
        `Chromium not found at ${CHROMIUM_PATH}: in CI the browser tests must run (apt-get install -y chromium)`,
      );
    notes.push(
      `browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH} (install: apt-get install -y chromium, or set CHROMIUM_PATH)`,
    );
  }
  if (!process.env.TEST_DATABASE_URL) {
    notes.push(
      'database suites ran on the embedded engine; for PostgreSQL run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run test:pg',
    );
  } else {
    notes.push(`database suites ran on PostgreSQL (${new URL(process.env.TEST_DATABASE_URL).host})`);
  }
  const print = () => {
    for (const n of notes) console.log(`[clientela tests] ${n}`);
  };
  print();
  return print;
}
