import type { AwsGateway, CallOptions } from '../../aws/gateway';
import type { TaskDefinition } from '../../aws/types';
import { BugError } from '../../errors';
import type { IoHost } from '../io-host';
import { revisionLabel } from '../revision-label';
import { sameDocument, withImages } from '../task-definition';
import { writeOnce } from '../write-check';
import type { ServiceContext } from './service-context';
import type { DeployPlan } from './types';

/**
 * Makes the plan's revision exist and returns its ARN. RegisterTaskDefinition has no client
 * token, so a retried register after a lost reply would add a duplicate revision: when the
 * family's newest ACTIVE revision already is this exact document, it is reused.
 */
export async function materializeRevision(
  gw: AwsGateway,
  ctx: ServiceContext,
  plan: DeployPlan,
  io: IoHost,
  opts: CallOptions = {},
): Promise<{ taskDefinitionArn: string; registered: boolean }> {
  const next = plan.next;
  if (next.kind === 'existing' && !next.reRegister)
    return { taskDefinitionArn: next.taskDefinitionArn, registered: false };

  let base: TaskDefinition;
  let document;
  if (next.kind === 'register') {
    if (ctx.taskDefinition.arn !== next.baseTaskDefinitionArn) {
      throw new BugError(
        `plan was made on ${next.baseTaskDefinitionArn} but the service runs ${ctx.taskDefinition.arn}`,
      );
    }
    base = ctx.taskDefinition;
    document = withImages(base.document, next.images);
  } else {
    base = await gw.ecs.describeTaskDefinition(next.taskDefinitionArn, {
      ...opts,
      includeTags: true,
    });
    document = base.document;
  }

  const [latestArn] = await gw.ecs.listTaskDefinitionArns(
    { familyPrefix: document.family, status: 'ACTIVE', sort: 'DESC', max: 1 },
    opts,
  );
  if (latestArn && latestArn !== base.arn) {
    const latest = await gw.ecs.describeTaskDefinition(latestArn, opts);
    if (latest.family === document.family && sameDocument(latest.document, document)) {
      io.notify({
        code: 'ECSR_REGISTER_I2002',
        level: 'info',
        text: `reusing ${revisionLabel(latestArn)}: it already is this exact task definition`,
        data: { taskDefinitionArn: latestArn },
      });
      return { taskDefinitionArn: latestArn, registered: false };
    }
  }
  const registered = await writeOnce(
    `RegisterTaskDefinition ${document.family}`,
    () => gw.ecs.registerTaskDefinition(document, base.tags, opts),
    // the family's newest ACTIVE revision, when it is new since the read above and is this
    // exact document, is the one the lost reply was about
    async () => {
      const [newest] = await gw.ecs.listTaskDefinitionArns(
        { familyPrefix: document.family, status: 'ACTIVE', sort: 'DESC', max: 1 },
        opts,
      );
      if (!newest || newest === latestArn || newest === base.arn) return undefined;
      const found = await gw.ecs.describeTaskDefinition(newest, opts);
      return found.family === document.family && sameDocument(found.document, document)
        ? found
        : undefined;
    },
    io,
  );
  io.notify({
    code: 'ECSR_REGISTER_I2001',
    level: 'info',
    text: `registered ${revisionLabel(registered.arn)}`,
    data: { taskDefinitionArn: registered.arn },
  });
  return { taskDefinitionArn: registered.arn, registered: true };
}

/** Tag that marks a service as protected: deploying it needs its name typed to confirm. */
export const PROTECTED_TAG = 'ecs-rollout:protected';

export function isProtected(tags: Record<string, string>): boolean {
  const v = tags[PROTECTED_TAG];
  return v !== undefined && v !== 'false' && v !== '0';
}
