/**
 * The deploy wizard (product.md, screen 4): strategy -> what to deploy -> settings -> review ->
 * confirm. Only data here; `deploy-request.ts` turns the answers into the engine's request.
 */
import type { AwsGateway } from '../../aws/gateway';
import type { Service, TaskDefinition } from '../../aws/types';
import { resolveRequestedImage } from '../../deploy/image-ref';
import { revisionLabel } from '../../deploy/revision-label';
import { strategyFit, type CanaryPairRef } from '../../deploy/strategy-fit';
import { defaultContainer } from '../../deploy/task-definition';
import { STRATEGY_LABELS, type StrategyId } from '../../deploy/types';
import { describeError } from '../../errors';
import { imageLabel } from '../../present/labels';
import { strategyForm } from './strategy-forms';
import type { Answers, Choice, FieldDef, WizardDef } from './wizard-model';

/** What the wizard knows about the service before it asks anything. */
export interface DeployWizardContext {
  cluster: string;
  service: Service;
  /** The revision the service runs now. */
  taskDefinition: TaskDefinition;
  /** Strategies this build can run (`supportedStrategies()`). */
  supported: readonly StrategyId[];
  /** A known ALB canary pair of this service, when one was found. */
  pair?: CanaryPairRef;
  /** For the revision list; only `listTaskDefinitionArns` is used. */
  gateway: Pick<AwsGateway, 'ecs'>;
}

type Field = FieldDef<DeployWizardContext>;

/** Every strategy, in the product's order, the ones that cannot deploy this service disabled. */
export const STRATEGY_ORDER: readonly StrategyId[] = [
  'rolling',
  'blue-green',
  'linear',
  'canary',
  'codedeploy',
  'alb-canary',
];

export function strategyChoices(ctx: DeployWizardContext): Choice[] {
  return STRATEGY_ORDER.map((id) => {
    const fit = strategyFit(ctx.service, id, ctx.pair);
    const reason = !fit.ok
      ? fit.reason
      : !ctx.supported.includes(id)
        ? 'not supported by this build'
        : undefined;
    return {
      value: id,
      label: STRATEGY_LABELS[id],
      ...(reason ? { disabledReason: reason } : {}),
      ...(fit.ok && fit.note ? { detail: fit.note } : {}),
    };
  });
}

/** The strategy the service is set up for (its controller and configured strategy). */
export function ownStrategy(service: Service): StrategyId {
  if (service.deploymentController === 'CODE_DEPLOY') return 'codedeploy';
  switch (service.deploymentConfiguration.strategy) {
    case 'BLUE_GREEN':
      return 'blue-green';
    case 'LINEAR':
      return 'linear';
    case 'CANARY':
      return 'canary';
    default:
      return 'rolling';
  }
}

/** The service's own strategy when it can be used, else the first one that can. */
export function defaultStrategy(ctx: DeployWizardContext): StrategyId | undefined {
  const usable = strategyChoices(ctx).filter((c) => !c.disabledReason);
  const own = ownStrategy(ctx.service);
  return (usable.find((c) => c.value === own) ?? usable[0])?.value as StrategyId | undefined;
}

const strategyField: Field = {
  id: 'strategy',
  label: 'Strategy',
  kind: 'select',
  options: (ctx) => strategyChoices(ctx),
  default: (ctx) => defaultStrategy(ctx),
  validate: (_value, _answers, ctx) => {
    if (defaultStrategy(ctx) !== undefined) return undefined;
    const own = strategyChoices(ctx).find((c) => c.value === ownStrategy(ctx.service));
    return `no strategy this build can run fits ${ctx.service.name}${own?.disabledReason ? ` (${own.label}: ${own.disabledReason})` : ''}; nothing was changed`;
  },
};

const isImage = (answers: Answers) => answers['targetKind'] !== 'revision';

/** The image a container runs now, for `:tag` shorthand and the container list. */
export function currentImage(ctx: DeployWizardContext, container: unknown): string {
  return ctx.taskDefinition.containers.find((c) => c.name === container)?.image ?? '';
}

const targetFields: readonly Field[] = [
  {
    id: 'targetKind',
    label: 'Deploy',
    kind: 'cycle',
    choices: [
      { value: 'image', label: 'a new image for one container' },
      { value: 'revision', label: 'an existing revision' },
    ],
    default: () => 'image',
  },
  {
    id: 'container',
    label: 'Container',
    kind: 'select',
    showWhen: isImage,
    options: (ctx) =>
      ctx.taskDefinition.containers.map((c) => ({
        value: c.name,
        label: c.name,
        detail: `runs ${imageLabel(c.image)}${c.essential ? '' : ' (not essential)'}`,
      })),
    default: (ctx) => defaultContainer(ctx.taskDefinition.document),
  },
  {
    id: 'image',
    label: 'Image',
    kind: 'text',
    help: ':tag or @sha256:digest keeps the repository; or give a full reference',
    placeholder: 'e.g. :v2.15.0',
    showWhen: isImage,
    validate: (value, answers, ctx) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (text === '') return 'give a tag (:v2), a digest (@sha256:...) or a full image reference';
      try {
        resolveRequestedImage(text, currentImage(ctx, answers['container']));
        return undefined;
      } catch (error) {
        const { message, hint } = describeError(error);
        return hint ? `${message}: ${hint}` : message;
      }
    },
  },
  {
    id: 'pinDigest',
    label: 'Pin the digest',
    kind: 'toggle',
    help: 'resolve the tag through ECR and register the digest, so the tag moving later changes nothing',
    // a digest is pinned already; only a tag has something to resolve
    showWhen: (answers) =>
      isImage(answers) && !(typeof answers['image'] === 'string' && answers['image'].includes('@')),
    default: () => true,
  },
  {
    id: 'revision',
    label: 'Revision',
    kind: 'select',
    showWhen: (answers) => !isImage(answers),
    options: async (ctx, _answers, signal) => {
      const arns = await ctx.gateway.ecs.listTaskDefinitionArns(
        { familyPrefix: ctx.taskDefinition.family, status: 'ACTIVE', sort: 'DESC', max: 25 },
        { signal },
      );
      return arns.map((arn) => ({
        value: arn,
        label: revisionLabel(arn),
        ...(arn === ctx.taskDefinition.arn ? { disabledReason: 'the service runs it now' } : {}),
      }));
    },
  },
];

export const deployWizard: WizardDef<DeployWizardContext> = {
  steps: [
    { id: 'strategy', title: 'Strategy', fields: [strategyField] },
    { id: 'target', title: 'What to deploy', fields: targetFields },
    {
      id: 'settings',
      title: 'Settings',
      fields: (answers) => strategyForm(answers['strategy'])?.fields ?? [],
      // a strategy without settings has nothing to ask here
      showWhen: (answers) => (strategyForm(answers['strategy'])?.fields.length ?? 0) > 0,
      validate: (answers) => strategyForm(answers['strategy'])?.validate(answers) ?? {},
    },
    { id: 'review', title: 'Review', fields: [] },
    { id: 'confirm', title: 'Deploy', fields: [] },
  ],
};
