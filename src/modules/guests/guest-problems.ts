import { invalid, type ErrorDetail } from '../../core/errors.ts';

const MESSAGES: Record<string, string> = {
  invalid_phone: 'A phone number is not valid',
  duplicate_entry: 'A list has the same entry twice',
  too_many_primaries: 'Only one entry of a list can be primary',
  unknown_tag: 'A tag does not exist in the tag catalog',
  too_many_tags: 'A guest can have at most nine tags',
  unknown_group: 'A group does not exist',
  unknown_title: 'The title does not exist',
  name_required: 'A first or last name is required',
};

/**
 * Collects the per-field problems of a guest write, so one response names every bad field.
 * The error code is the problems' code when they share one (`unknown_tag`), else `validation_failed`.
 */
export class GuestProblems {
  private readonly details: ErrorDetail[] = [];

  add(code: string, field: string, message: string): void {
    this.details.push({ field, message, code });
  }

  throwIfAny(): void {
    if (this.details.length === 0) return;
    const codes = new Set(this.details.map((d) => d.code ?? 'validation_failed'));
    const [only] = codes;
    const code = codes.size === 1 && only ? only : 'validation_failed';
    throw invalid(code, MESSAGES[code] ?? 'Some fields are not valid', this.details);
  }
}
