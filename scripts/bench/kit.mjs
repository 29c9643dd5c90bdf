// What the bench process itself uses from the TypeScript side (bundled by kit-build.mjs).
export { ManualClock, startSimulator } from '../../src/sim';
export {
  buildCluster,
  buildService,
  buildTaskDefinition,
} from '../../src/sim/services/ecs/builder';
export { createGateway } from '../../src/aws';
export { measurableStrategies, measurePollCost } from '../../test/perf/strategy-polls';
export { STRATEGY_LABELS } from '../../src/deploy/types';
