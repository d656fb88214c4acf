export { appendFileSync, existsSync, mkdirSync } from 'node:fs';
export { cpus, loadavg } from 'node:os';
