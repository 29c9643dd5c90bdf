import type { DiffLine } from '../../present/task-definition-diff';
import type { DeployTarget, PlannedCall, PreflightCheck, StrategyId } from '../types';
import type { ImageChange } from './next-definition';

/** What the person (or CI) asks for. */
export interface DeployRequest {
  cluster: string;
  service: string;
  strategy: StrategyId;
  target: DeployTarget;
  /** Strategy settings, validated by the strategy's zod schema. */
  settings: Record<string, unknown>;
}

/**
 * What `deploy` will do, computed without changing anything: the review screen and
 * `ecs-rollout plan` show it; `deploy --plan-file` applies exactly it. It holds no task
 * definition document (environment values stay out of files and logs): apply rebuilds the
 * document from the current revision and the resolved images, after checking the service has
 * not changed since (the fingerprint).
 */
export interface DeployPlan {
  version: 1;
  request: DeployRequest;
  createdAt: string;
  /** Revision running now. */
  currentTaskDefinitionArn: string;
  /** What will run: a new revision of `family` built from the current one, or an existing ARN. */
  next:
    | {
        kind: 'register';
        family: string;
        baseTaskDefinitionArn: string;
        images: { container: string; image: string }[];
      }
    | { kind: 'existing'; taskDefinitionArn: string; reRegister: boolean };
  imageChanges: ImageChange[];
  diff: DiffLine[];
  checks: PreflightCheck[];
  calls: PlannedCall[];
  /** Equivalent headless command line. */
  command: string;
  /** Hash of the service state the plan was made against. */
  fingerprint: string;
  /** Failing checks: apply refuses while any is present. */
  blockers: string[];
  notes: string[];
  /** The service must be confirmed by typing its name (protected by tag). */
  protectedService: boolean;
}
