import type { ImportField } from '../reading/index.ts';

/** How records meet the profiles they match (issue 13, D-1 point 5). */
export interface ApplyOptions {
  /** `enrich` fills what is empty and adds new entries; `overwrite` replaces the chosen fields; `skip` leaves a match alone. */
  onExisting: 'enrich' | 'overwrite' | 'skip';
  /** The fields `overwrite` replaces; every field of the record when absent. */
  overwriteFields?: ImportField[];
  /** The property booking exports go to (default: the organisation's first property). */
  propertyId?: string;
  /** The import's id: consent records' reference, bookings' note. */
  importId: string;
}

export interface RecordProblem {
  record: number;
  field: string;
  code: string;
  message: string;
}

/** What became of one record. */
export interface RecordOutcome {
  record: number;
  outcome: 'created' | 'updated' | 'unchanged' | 'invalid';
  guestId?: string;
  problems: RecordProblem[];
}

export interface ApplyResult {
  /** One per record passed in (a booking's rows one each), in the order given. */
  outcomes: RecordOutcome[];
  bookings: { created: number; existing: number };
  /** Names of the room types the batch created (inactive, no rooms). */
  roomTypesCreated: string[];
  /** Tags left out by the nine-tag cap. */
  tagsDropped: number;
}
