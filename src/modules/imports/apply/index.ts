/** Applying read records to the database (issue 13): profiles, tags, consents, notes, bookings. */
export { applyRecords } from './apply-records.ts';
export type { ApplyOptions, ApplyResult, RecordOutcome, RecordProblem } from './apply.types.ts';
