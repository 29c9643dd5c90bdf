import type { HandlerTable } from '../../core/types';

/** cloudwatch operations by name. */
export const cloudwatchHandlers: HandlerTable = {};
