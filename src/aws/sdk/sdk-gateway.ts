import { ClientFactory } from '../client-factory';
import type {
  ClosableAwsGateway,
  CloudWatchGateway,
  CodeDeployGateway,
  EcrGateway,
  EcsGateway,
  ElbGateway,
  StsGateway,
} from '../gateway';
import { DEFAULT_DESCRIBE_CONCURRENCY, type GatewayOptions } from '../options';
import { createCloudWatchGateway } from './cloudwatch-gateway';
import { createCodeDeployGateway } from './codedeploy-gateway';
import { createEcrGateway } from './ecr-gateway';
import { createEcsGateway } from './ecs-gateway';
import { createElbGateway } from './elb-gateway';
import { createStsGateway } from './sts-gateway';

/**
 * The SDK-backed gateway. Each service's client is built the first time that service is used,
 * so a session that never looks at CloudWatch never pays for its client.
 */
export function createSdkGateway(options: GatewayOptions): ClosableAwsGateway {
  const factory = new ClientFactory(options);
  const concurrency = options.describeConcurrency ?? DEFAULT_DESCRIBE_CONCURRENCY;
  let ecs: EcsGateway | undefined;
  let elb: ElbGateway | undefined;
  let codedeploy: CodeDeployGateway | undefined;
  let ecr: EcrGateway | undefined;
  let cloudwatch: CloudWatchGateway | undefined;
  let sts: StsGateway | undefined;
  return {
    get ecs() {
      return (ecs ??= createEcsGateway(factory.get('ecs'), concurrency));
    },
    get elb() {
      return (elb ??= createElbGateway(factory.get('elbv2'), concurrency));
    },
    get codedeploy() {
      return (codedeploy ??= createCodeDeployGateway(factory.get('codedeploy'), concurrency));
    },
    get ecr() {
      return (ecr ??= createEcrGateway(factory.get('ecr'), concurrency));
    },
    get cloudwatch() {
      return (cloudwatch ??= createCloudWatchGateway(factory.get('cloudwatch'), concurrency));
    },
    get sts() {
      return (sts ??= createStsGateway(factory.get('sts')));
    },
    calls: factory.calls,
    clock: factory.clock,
    context: {
      region: options.region,
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      ...(options.endpointUrl !== undefined ? { endpointUrl: options.endpointUrl } : {}),
      readOnly: options.readOnly ?? false,
    },
    close: () => factory.destroy(),
  };
}
