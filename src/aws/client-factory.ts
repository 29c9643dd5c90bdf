import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { CallRecorder } from './call-counter';
import type { AwsServiceId } from './errors';
import {
  DEFAULT_CONNECTION_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  validateEndpointUrl,
  type GatewayOptions,
  type StaticCredentials,
} from './options';
import { installGuard } from './sdk/middleware';
import { ServerClock } from './server-clock';

interface ClientTypes {
  ecs: ECSClient;
  elbv2: ElasticLoadBalancingV2Client;
  codedeploy: CodeDeployClient;
  ecr: ECRClient;
  cloudwatch: CloudWatchClient;
  sts: STSClient;
}

const CONSTRUCTORS: { [K in AwsServiceId]: new (config: object) => ClientTypes[K] } = {
  ecs: ECSClient,
  elbv2: ElasticLoadBalancingV2Client,
  codedeploy: CodeDeployClient,
  ecr: ECRClient,
  cloudwatch: CloudWatchClient,
  sts: STSClient,
};

/** The suffix of `AWS_ENDPOINT_URL_<X>`: the SDK's serviceId upper-cased, spaces to `_`. */
const ENDPOINT_ENV: Readonly<Record<AwsServiceId, string>> = {
  ecs: 'ECS',
  elbv2: 'ELASTIC_LOAD_BALANCING_V2',
  codedeploy: 'CODEDEPLOY',
  ecr: 'ECR',
  cloudwatch: 'CLOUDWATCH',
  sts: 'STS',
};

/** On Node 20 the SDK warns on stderr, which would tear the full-screen UI. */
export function silenceNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/**
 * Builds SDK clients: one per service per region, created on first use, all sharing one
 * credential provider (so SSO or a role is resolved once) and one call counter. Each client
 * has a request timeout that really fails the attempt (`throwOnRequestTimeout`), the SDK's
 * default retries, and the read-only/counting guard.
 */
export class ClientFactory {
  readonly calls: CallRecorder;
  /** Real time, or the simulator's, learnt from replies. */
  readonly clock = new ServerClock();
  readonly requestTimeoutMs: number;
  private readonly clients = new Map<string, ClientTypes[AwsServiceId]>();
  private readonly credentials:
    StaticCredentials | (() => Promise<StaticCredentials>) | AwsCredentialIdentityProvider;

  constructor(private readonly options: GatewayOptions) {
    silenceNodeVersionWarning();
    if (options.endpointUrl !== undefined) validateEndpointUrl(options.endpointUrl);
    this.calls = options.calls ?? new CallRecorder();
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.credentials =
      options.credentials ??
      fromNodeProviderChain(options.profile !== undefined ? { profile: options.profile } : {});
  }

  get<K extends AwsServiceId>(service: K, region = this.options.region): ClientTypes[K] {
    const key = `${service}:${region}`;
    const existing = this.clients.get(key);
    if (existing) return existing as ClientTypes[K];
    const client = this.create(service, region);
    this.clients.set(key, client);
    return client;
  }

  /** True when requests do not go to AWS's own endpoint for this service. */
  endpointOverridden(service: AwsServiceId): boolean {
    if (this.options.endpointUrl) return true;
    if (process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return false;
    return Boolean(
      process.env[`AWS_ENDPOINT_URL_${ENDPOINT_ENV[service]}`] || process.env.AWS_ENDPOINT_URL,
    );
  }

  /** Closes every client's sockets. */
  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private create<K extends AwsServiceId>(service: K, region: string): ClientTypes[K] {
    const { options } = this;
    const client = new CONSTRUCTORS[service]({
      region,
      credentials: this.credentials,
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      ...(options.endpointUrl !== undefined ? { endpoint: options.endpointUrl } : {}),
      ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
      requestHandler: new NodeHttpHandler({
        requestTimeout: this.requestTimeoutMs,
        // without it a hung server only produces a logged warning and the call waits forever
        throwOnRequestTimeout: true,
        connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      }),
    });
    installGuard(client, {
      service,
      region,
      profile: options.profile,
      readOnly: options.readOnly ?? false,
      calls: this.calls,
      requestTimeoutMs: this.requestTimeoutMs,
      endpointOverridden: this.endpointOverridden(service),
      clock: this.clock,
    });
    return client;
  }
}
