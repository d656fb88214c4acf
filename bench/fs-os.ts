export { appendFileSync, existsSync, mkdirSync } from 'node:fs';
export { cpus } from 'node:os';
