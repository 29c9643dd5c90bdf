import type { HandlerTable } from '../../core/types';

/** ecr operations by name. */
export const ecrHandlers: HandlerTable = {};
