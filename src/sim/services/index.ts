import type { HandlerTable, SimServiceName } from '../core/types';
import { cloudwatchHandlers } from './cloudwatch/handlers';
import { codedeployHandlers } from './codedeploy/handlers';
import { ecrHandlers } from './ecr/handlers';
import { ecsHandlers } from './ecs/handlers';
import { elbv2Handlers } from './elbv2/handlers';
import { stsHandlers } from './sts/handlers';

export const HANDLERS: Readonly<Record<SimServiceName, HandlerTable>> = {
  ecs: ecsHandlers,
  elbv2: elbv2Handlers,
  codedeploy: codedeployHandlers,
  ecr: ecrHandlers,
  cloudwatch: cloudwatchHandlers,
  sts: stsHandlers,
};
