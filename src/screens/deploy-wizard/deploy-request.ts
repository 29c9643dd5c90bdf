/** The wizard's answers as the engine's request: what the review plans and apply runs. */
import type { DeployRequest } from '../../deploy/plan/types';
import type { DeployTarget, StrategyId } from '../../deploy/types';
import type { DeployWizardContext } from './deploy-steps';
import { strategyForm } from './strategy-forms';
import type { Answers } from './wizard-model';

export function deployTargetOf(answers: Answers): DeployTarget {
  if (answers['targetKind'] === 'revision') {
    return { kind: 'revision', taskDefinition: String(answers['revision'] ?? '') };
  }
  const container = answers['container'];
  const ref = typeof answers['image'] === 'string' ? answers['image'].trim() : '';
  return {
    kind: 'image',
    images: [{ ...(typeof container === 'string' ? { container } : {}), ref }],
    pinDigest: answers['pinDigest'] !== false,
  };
}

export function deployRequestOf(answers: Answers, ctx: DeployWizardContext): DeployRequest {
  const strategy = answers['strategy'] as StrategyId;
  return {
    cluster: ctx.cluster,
    service: ctx.service.name,
    strategy,
    target: deployTargetOf(answers),
    settings: strategyForm(strategy)?.settings(answers) ?? {},
  };
}
