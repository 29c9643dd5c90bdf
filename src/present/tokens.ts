/**
 * Semantic colour tokens the formatters hand to the screens. They are the theme's token names
 * (src/theme/tokens.ts), so a screen passes them straight to the theme; never raw colours.
 */
export const TOKENS = [
  'status.ok',
  'status.warn',
  'status.error',
  'status.info',
  'rollout.inProgress',
  'rollout.failed',
  'rollout.rolledBack',
  'rollout.succeeded',
  'rollout.paused',
  'ui.dim',
] as const;

export type Token = (typeof TOKENS)[number];

/** A cell not known yet (a row whose service is not described yet). */
export const PLACEHOLDER = '…';
/** A cell known to have no value. */
export const NONE = '—';
