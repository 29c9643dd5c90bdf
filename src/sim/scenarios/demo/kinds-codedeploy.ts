import { buildTargetGroupAlarm } from '../../services/cloudwatch/builder';
import {
  buildCompletedDeployment,
  buildEcsApplication,
  buildEcsDeploymentGroup,
} from '../../services/codedeploy/builder';
import { codeDeployState } from '../../services/codedeploy/model';
import { randomFrom } from '../../services/ecs/rand';
import type { ServiceRec } from '../../services/ecs/types';
import { forwardAction } from '../../services/elbv2/builder';
import {
  createListener,
  createLoadBalancer,
  elbState,
  getListener,
  getRule,
  setRuleActions,
} from '../../services/elbv2/model';
import { DAY, MINUTE } from './calendar';
import {
  envOf,
  familyName,
  groupName,
  planReleases,
  sized,
  teamTags,
  type ClusterCtx,
} from './context';
import { demoTargetGroup, registerServiceTargets } from './load-balancers';
import { buildTaskSetService } from './task-sets';
import { appProfile } from './task-definitions';

// `payments`: CodeDeploy blue/green (aws-semantics D). Its own internal ALB, because CodeDeploy
// rewrites whole listeners: HTTPS 443 for production and 8443 for test traffic, both forwarding
// to whichever target group serves now. The deployment group waits for a person before
// rerouting (STOP_DEPLOYMENT after 30 min), keeps blue 5 min, and rolls back on failure, alarm
// or stop. Its history holds several CodeDeploy deployments, one of them rolled back.

const ROLLBACK_ON = [
  'DEPLOYMENT_FAILURE',
  'DEPLOYMENT_STOP_ON_ALARM',
  'DEPLOYMENT_STOP_ON_REQUEST',
] as const;

export interface Payments {
  service: ServiceRec;
  applicationName: string;
  groupName: string;
}

export function buildPayments(ctx: ClusterCtx): Payments {
  const { world, region } = ctx;
  const base = groupName(ctx, 'payments');
  const lb = createLoadBalancer(world, region, { name: base, scheme: 'internal' });
  lb.createdAt = world.now - 400 * DAY;
  const blueName = `${base}-blue`;
  const greenName = `${base}-green`;
  const blue = demoTargetGroup(world, region, blueName);
  const green = demoTargetGroup(world, region, greenName);
  const certificate = `arn:aws:acm:${region}:${world.accountId}:certificate/${world.rng.uuid()}`;
  const listener = (port: number) =>
    createListener(world, region, {
      loadBalancerArn: lb.arn,
      port,
      protocol: 'HTTPS',
      certificateArns: [certificate],
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      defaultActions: [forwardAction(blue)],
    }).arn;
  const prodListener = listener(443);
  const testListener = listener(8443);
  const alarms = [blue, green].map((tg, i) =>
    buildTargetGroupAlarm(world, {
      region,
      name: `${base}-${i === 0 ? 'blue' : 'green'}-5xx`,
      targetGroupArn: tg,
      loadBalancerArn: lb.arn,
      threshold: 5,
      initialState: 'OK',
    }),
  );

  const applicationName = 'payments';
  if (!codeDeployState(world, region).applications.has(applicationName)) {
    buildEcsApplication(world, { region, name: applicationName });
  }
  const group = buildEcsDeploymentGroup(world, {
    region,
    applicationName,
    name: ctx.stage === 'production' ? 'payments-prod' : `payments-${ctx.stage}`,
    deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
    serviceRoleArn: `arn:aws:iam::${world.accountId}:role/ecsCodeDeployRole`,
    clusterName: ctx.cluster.name,
    serviceName: 'payments',
    targetGroupNames: [blueName, greenName],
    prodListenerArn: prodListener,
    testListenerArn: testListener,
    blueGreen: {
      readyAction: 'STOP_DEPLOYMENT',
      readyWaitMinutes: 30,
      terminationAction: 'TERMINATE',
      terminationWaitMinutes: 5,
    },
    autoRollback: { enabled: true, events: [...ROLLBACK_ON] },
    alarms: { enabled: true, ignorePollAlarmFailure: false, names: alarms },
  });

  const profile = appProfile(world, region, {
    family: familyName(ctx, 'payments'),
    container: 'payments',
    port: 8080,
    cpu: 1024,
    memory: 2048,
    env: envOf(ctx),
    environment: {
      STRIPE_SECRET_KEY: `sk_live_${randomFrom(world.rng, 24, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
      STRIPE_WEBHOOK_SECRET: `whsec_${randomFrom(world.rng, 32, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
    },
  });
  const { releases, tags } = planReleases(ctx, 'payments', profile, { pinned: true });
  // the first release created the service (ECS made its first task set); CodeDeploy did the rest
  let lastId: string | undefined;
  let currentId: string | undefined;
  let current = releases[0]!;
  releases.slice(1).forEach((release, i) => {
    const failed = release.rolledBack === true;
    lastId = buildCompletedDeployment(world, {
      region,
      applicationName,
      groupName: group,
      createdAt: release.at,
      status: failed ? 'Failed' : 'Succeeded',
      taskDefinitionArn: release.td.arn,
      containerName: 'payments',
      containerPort: 8080,
      creator: 'user',
      description: `payments ${tags[i + 1]} (${ctx.stage})`,
      desiredCount: sized(ctx, 3),
      ...(failed ? { failedAt: 'Install' as const, rolledBack: true } : {}),
    });
    if (!failed) {
      current = release;
      currentId = lastId;
    }
  });

  // whichever group the last deployment left serving: both listeners forward there
  const state = elbState(world, region);
  const last = lastId ? codeDeployState(world, region).deployments.get(lastId) : undefined;
  const servingName = last?.target.taskSets.find((s) => s.status === 'PRIMARY')?.targetGroupName;
  const serving = servingName === greenName ? green : blue;
  for (const arn of [prodListener, testListener]) {
    setRuleActions(state, getRule(state, getListener(state, arn).defaultRuleArn), [
      forwardAction(serving),
    ]);
  }

  // CodeDeploy made the serving task set during Install, seconds into its deployment
  const installed = currentId
    ? codeDeployState(world, region).deployments.get(currentId)
    : undefined;
  const service = buildTaskSetService(ctx, {
    name: 'payments',
    controller: 'CODE_DEPLOY',
    desiredCount: sized(ctx, 3),
    createdAt: releases[0]!.at - 2 * MINUTE,
    current: current.td,
    currentAt: installed ? installed.createdAt + 5_000 : current.at,
    ...(installed ? { externalId: installed.id, startedBy: 'CODE_DEPLOY' } : {}),
    serviceLoadBalancers: [
      { targetGroupArn: blue, containerName: 'payments', containerPort: 8080 },
    ],
    setLoadBalancers: [{ targetGroupArn: serving, containerName: 'payments', containerPort: 8080 }],
    tags: {
      ...teamTags(ctx, 'payments'),
      ...(ctx.stage === 'production' ? { 'ecs-rollout:protected': 'true' } : {}),
    },
    createdBy: ctx.people[1]!,
  });
  registerServiceTargets(world, region, service);
  return { service, applicationName, groupName: group };
}
