import type { World } from '../world/world';

/** The AWS services the simulator speaks, named as the router knows them. */
export type SimServiceName = 'ecs' | 'elbv2' | 'codedeploy' | 'ecr' | 'cloudwatch' | 'sts';

/** The wire protocol a request arrived in; replies go out in the same one. */
export type WireProtocol = 'json1.1' | 'json1.0' | 'query';

/** Everything a handler may need about the request it serves. */
export interface RequestContext {
  readonly world: World;
  readonly service: SimServiceName;
  readonly operation: string;
  readonly region: string;
  readonly accountId: string;
  /** Access key id from the SigV4 credential scope ("" when unsigned). */
  readonly accessKeyId: string;
  readonly requestId: string;
  /** Simulated time in epoch milliseconds at the moment the request was handled. */
  readonly now: number;
}

/**
 * One operation. `input` is the decoded request: a JSON object for awsJson, a nested object
 * for awsQuery (lists as arrays; an empty list arrives as ""; use `asList`). The returned value
 * is the output shape; timestamps are `Date` objects, which the protocol layer encodes
 * (epoch seconds for JSON, ISO-8601 for XML). Throw `SimError` for AWS errors.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs are untyped wire data, validated by each handler
export type Handler = (input: any, ctx: RequestContext) => unknown;

export type HandlerTable = Readonly<Record<string, Handler>>;
