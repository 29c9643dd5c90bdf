import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { DeployPlan } from '../deploy/plan/types';
import { UsageError } from './errors';
import { STRATEGY_IDS } from './deploy-flags';

// Enough of DeployPlan to apply it safely; the engine re-checks the service's fingerprint.
const planFileSchema = z.looseObject({
  version: z.literal(1),
  request: z.looseObject({
    cluster: z.string().min(1),
    service: z.string().min(1),
    strategy: z.enum(STRATEGY_IDS as [string, ...string[]]),
    target: z.union([
      z.looseObject({
        kind: z.literal('image'),
        images: z.array(z.looseObject({ container: z.string().optional(), ref: z.string() })),
        pinDigest: z.boolean(),
      }),
      z.looseObject({ kind: z.literal('revision'), taskDefinition: z.string() }),
    ]),
    settings: z.record(z.string(), z.unknown()),
  }),
  currentTaskDefinitionArn: z.string(),
  next: z.union([
    z.looseObject({
      kind: z.literal('register'),
      family: z.string(),
      baseTaskDefinitionArn: z.string(),
      images: z.array(z.looseObject({ container: z.string(), image: z.string() })),
    }),
    z.looseObject({
      kind: z.literal('existing'),
      taskDefinitionArn: z.string(),
      reRegister: z.boolean(),
    }),
  ]),
  fingerprint: z.string().min(1),
  blockers: z.array(z.string()),
  checks: z.array(z.unknown()),
  calls: z.array(z.unknown()),
  diff: z.array(z.unknown()),
  imageChanges: z.array(z.unknown()),
  notes: z.array(z.string()),
  command: z.string(),
  createdAt: z.string(),
  protectedService: z.boolean(),
});

export async function readPlanFile(path: string): Promise<DeployPlan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read plan file "${path}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      'write one with: ecs-rollout plan ... --out FILE',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(
      `plan file "${path}" is not JSON`,
      'write one with: ecs-rollout plan ... --out FILE',
    );
  }
  const parsed = planFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `plan file "${path}" is not an ecs-rollout plan (${issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : 'invalid'})`,
      'write one with: ecs-rollout plan ... --out FILE, and apply it unedited',
    );
  }
  return parsed.data as unknown as DeployPlan;
}

export async function writePlanFile(path: string, plan: DeployPlan): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(plan, null, 2)}\n`, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot write plan file "${path}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      'give a path in a directory you can write to',
    );
  }
}
