/** Builds web/dist unless it is newer than the sources; returns true when it built. */
export function buildWeb(options?: { force?: boolean }): boolean;
