/**
 * Test-only: the deploy wizard driven as the screen drives it (an action, then the loaders
 * it asks for), on a service made from the api:42 fixture, without rendering.
 */
import type { Service, TaskDefinition } from '../../../aws/types';
import { loadFixture } from '../../../../test/fixtures/load';
import { makeService } from '../../../../test/state/fake-gateway';
import { deployWizard, type DeployWizardContext } from '../../deploy-wizard/deploy-steps';
import { markLoading, reduceWizard, type WizardAction } from '../../deploy-wizard/wizard-actions';
import type { WizardState } from '../../deploy-wizard/wizard-model';

export const td = loadFixture<TaskDefinition>('task-definition-api-42');

export function ctxFor(service: Partial<Service> = {}, extra: Partial<DeployWizardContext> = {}) {
  const listed: unknown[] = [];
  const ctx: DeployWizardContext = {
    cluster: 'prod',
    service: makeService('api', {
      taskDefinitionArn: td.arn,
      deploymentConfiguration: {
        strategy: 'ROLLING',
        minimumHealthyPercent: 50,
        maximumPercent: 200,
        circuitBreaker: { enable: true, rollback: true },
        lifecycleHooks: [],
      },
      ...service,
    }),
    taskDefinition: td,
    supported: ['rolling'],
    gateway: {
      ecs: {
        listTaskDefinitionArns: (query: unknown) => {
          listed.push(query);
          return Promise.resolve([
            'arn:aws:ecs:us-east-1:123456789012:task-definition/api:42',
            'arn:aws:ecs:us-east-1:123456789012:task-definition/api:41',
          ]);
        },
      } as unknown as DeployWizardContext['gateway']['ecs'],
    },
    ...extra,
  };
  return { ctx, listed };
}

/** Drives the wizard as the screen does: apply an action, then run the loaders it asks for. */
export async function drive(
  ctx: DeployWizardContext,
  state: WizardState,
  ...actions: WizardAction[]
) {
  let s = await load(ctx, state);
  for (const action of actions) s = await load(ctx, reduceWizard(deployWizard, ctx, s, action));
  return s;
}

async function load(ctx: DeployWizardContext, state: WizardState): Promise<WizardState> {
  const { state: marked, fields } = markLoading(deployWizard, ctx, state);
  let s = marked;
  for (const field of fields) {
    if (field.kind !== 'select') continue;
    const choices = await field.options(ctx, s.answers, new AbortController().signal);
    s = reduceWizard(deployWizard, ctx, s, { type: 'options-loaded', field: field.id, choices });
  }
  return s;
}

export const set = (field: string, value: string | boolean): WizardAction => ({
  type: 'set',
  field,
  value,
});
export const NEXT: WizardAction = { type: 'next' };
export const BACK: WizardAction = { type: 'back' };
