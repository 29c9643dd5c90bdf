import type { HandlerTable } from '../../core/types';

/** codedeploy operations by name. */
export const codedeployHandlers: HandlerTable = {};
