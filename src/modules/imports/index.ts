/** Imports (issue 13). For now the file-reading core; jobs, routes and UI build on it. */
export * from './reading/index.ts';
export * from './apply/index.ts';
