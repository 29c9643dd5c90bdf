import { constraintError, validationError } from './errors';
import type { Obj } from './wire-members';
import { intMember, text } from './wire-members';

// Marker paging for the ELBv2 Describe* calls (PageSize 1..400). The marker is an opaque
// offset, as with AWS; a marker this simulator did not hand out is a ValidationError.

const MAX_PAGE = 400;

export function page<T>(items: readonly T[], input: Obj): { items: T[]; NextMarker?: string } {
  const size =
    input['PageSize'] === undefined || input['PageSize'] === ''
      ? MAX_PAGE
      : intMember(input['PageSize'], 'pageSize', 1, MAX_PAGE);
  let start = 0;
  const marker = input['Marker'];
  if (typeof marker === 'string' && marker !== '') {
    const m = /^o(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
    if (!m)
      throw validationError(
        `marker '${marker}' is not one this API returned; start again without Marker`,
      );
    start = Number(m[1]);
  } else if (marker !== undefined && marker !== '') {
    throw constraintError(text(marker), 'marker', 'Member must be a string');
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { NextMarker: Buffer.from(`o${end}`).toString('base64') } : {}),
  };
}
