import { shortName } from './resources';

/**
 * What a mutating call did, in a few named values taken from its input and output, for the
 * audit log and the exit summary. Every value is picked by name from a short list: inputs also
 * hold container environment values and secret sources, and those must never be copied out.
 */
export type CallDetails = Record<string, string>;

type Picker = (input: Rec, output: Rec) => CallDetails;
type Rec = Record<string, unknown>;

const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== ''
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : undefined;

/** Drops empty values so an entry only names what the call carried. */
function compact(values: Record<string, string | undefined>): CallDetails {
  const out: CallDetails = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** `orders-tg=90,orders-canary-tg=10`: the forward weights of an action list. */
function forwardWeights(actions: unknown): string | undefined {
  const groups = list(actions).flatMap((a) => {
    const forward = rec(rec(a).ForwardConfig);
    return list(forward.TargetGroups).map((g) => {
      const arn = text(rec(g).TargetGroupArn) ?? '?';
      return `${shortName(arn)}=${text(rec(g).Weight) ?? '1'}`;
    });
  });
  return groups.length ? groups.join(',') : undefined;
}

/** The task definition an AppSpec names (YAML or JSON), without parsing the whole document. */
function appSpecTaskDefinition(content: unknown): string | undefined {
  const m = /TaskDefinition["']?\s*:\s*["']?([^"'\s,}]+)/.exec(text(content) ?? '');
  return m?.[1];
}

/** `…:service-deployment/<cluster>/<service>/<id>`: which service a deployment call was about. */
function ofServiceDeployment(arn: unknown): Record<string, string | undefined> {
  const value = text(arn);
  const m = /:service-deployment\/([^/]+)\/([^/]+)\//.exec(value ?? '');
  return { cluster: m?.[1], service: m?.[2], serviceDeployment: value };
}

const PICKERS: Readonly<Record<string, Picker>> = {
  RegisterTaskDefinition: (input, output) =>
    compact({
      family: text(input.family),
      // image references name what runs; environment, secrets and commands are never read
      images: list(input.containerDefinitions)
        .map((c) => text(rec(c).image))
        .filter((i): i is string => i !== undefined)
        .join(','),
      taskDefinition: text(rec(output.taskDefinition).taskDefinitionArn),
    }),
  UpdateService: (input, output) =>
    compact({
      cluster: text(input.cluster),
      service: text(input.service),
      taskDefinition: text(input.taskDefinition),
      desiredCount: text(input.desiredCount),
      forceNewDeployment: text(input.forceNewDeployment),
      strategy: text(rec(input.deploymentConfiguration).strategy),
      serviceDeployment: text(rec(output.service).currentServiceDeployment),
    }),
  StopServiceDeployment: (input) =>
    compact({
      ...ofServiceDeployment(input.serviceDeploymentArn),
      stopType: text(input.stopType),
    }),
  ContinueServiceDeployment: (input) =>
    compact({
      ...ofServiceDeployment(input.serviceDeploymentArn),
      hookId: text(input.hookId),
      action: text(input.action),
    }),
  ModifyRule: (input) =>
    compact({ rule: text(input.RuleArn), weights: forwardWeights(input.Actions) }),
  AddTags: (input) => {
    const tags = new Map(list(input.Tags).map((t) => [text(rec(t).Key), text(rec(t).Value)]));
    // an ALB canary's plan on its rule: which pair and where it stands (names and states only)
    const plan = (k: string) => tags.get(`ecs-rollout:canary:${k}`);
    return compact({
      resources: list(input.ResourceArns).map(text).join(','),
      // tag keys, and of the plan only its names and position: other values may be long texts
      keys: [...tags.keys()].join(','),
      cluster: plan('cluster'),
      service: plan('stable'),
      canaryService: plan('canary'),
      canaryStatus: plan('status'),
      canaryWeights: plan('w'),
    });
  },
  RemoveTags: (input) =>
    compact({
      resources: list(input.ResourceArns).map(text).join(','),
      keys: list(input.TagKeys).map(text).join(','),
    }),
  CreateDeployment: (input, output) =>
    compact({
      application: text(input.applicationName),
      deploymentGroup: text(input.deploymentGroupName),
      deploymentConfig: text(input.deploymentConfigName),
      taskDefinition: appSpecTaskDefinition(rec(rec(input.revision).appSpecContent).content),
      deploymentId: text(output.deploymentId),
    }),
  ContinueDeployment: (input) =>
    compact({ deploymentId: text(input.deploymentId), waitType: text(input.deploymentWaitType) }),
  StopDeployment: (input, output) =>
    compact({
      deploymentId: text(input.deploymentId),
      autoRollbackEnabled: text(input.autoRollbackEnabled),
      status: text(output.status),
    }),
  // not a write: the principal, so the audit log can say who made the writes
  GetCallerIdentity: (_input, output) =>
    compact({ arn: text(output.Arn), account: text(output.Account) }),
};

/** Named values of a call, or undefined for calls nobody needs details of. */
export function callDetails(
  operation: string,
  input: unknown,
  output: unknown,
): CallDetails | undefined {
  const pick = PICKERS[operation];
  if (!pick) return undefined;
  const details = pick(rec(input), rec(output));
  return Object.keys(details).length ? details : undefined;
}
