import type { HandlerTable } from '../../core/types';

/** ecs operations by name. */
export const ecsHandlers: HandlerTable = {};
