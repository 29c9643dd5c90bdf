import type { PaletteCommand } from '../../app/palette';

/** `:audit`: the local audit log of changes (reads a file; available with --read-only too). */
export const AUDIT_COMMAND: PaletteCommand = {
  name: 'audit',
  aliases: ['log'],
  description: 'show the audit log: every change ecs-rollout made on AWS from here',
  run: (_arg, ctx) => {
    ctx.push({ kind: 'audit' });
    return undefined;
  },
};
