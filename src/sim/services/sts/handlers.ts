import type { HandlerTable } from '../../core/types';

/** STS: only who-am-I, which the app shows in its context bar. */
export const stsHandlers: HandlerTable = {
  GetCallerIdentity: (_input, ctx) => ({
    UserId: ctx.accessKeyId || 'AIDASIMULATEDOPERATOR',
    Account: ctx.world.accountId,
    Arn: ctx.world.principal,
  }),
};
