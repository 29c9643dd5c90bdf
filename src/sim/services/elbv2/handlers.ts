import type { HandlerTable } from '../../core/types';

/** elbv2 operations by name. */
export const elbv2Handlers: HandlerTable = {};
