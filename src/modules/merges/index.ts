export { registerMergeRoutes } from './merge.routes.ts';
export { mergeGuests, mergeGuestsInTransaction, previewMerge } from './merge.service.ts';
export { undoMerge } from './merge-undo.service.ts';
export { getMerge, listMerges } from './merge-read.service.ts';
