/**
 * The AWS layer's front door. Everything exported statically here is SDK-free, so the app can
 * import it before its first frame; `createGateway` loads the SDK (a separate esbuild chunk)
 * only when called.
 */
import type { ClosableAwsGateway } from './gateway';
import type { GatewayOptions } from './options';

export type * from './gateway';
export type * from './types';
export { CallRecorder, createCallCounter } from './call-counter';
export { MUTATING_OPERATIONS, isMutatingOperation } from './read-only';
export {
  IAM_PREFIX,
  classifyAwsError,
  toAwsError,
  type AwsServiceId,
  type Classified,
  type ErrorContext,
} from './errors';
export {
  DEFAULT_CONNECTION_TIMEOUT_MS,
  DEFAULT_DESCRIBE_CONCURRENCY,
  DEFAULT_REQUEST_TIMEOUT_MS,
  validateEndpointUrl,
  type GatewayOptions,
  type StaticCredentials,
} from './options';
export { ServerClock, SIM_SPEED_HEADER, SIM_TIME_HEADER, type WorldClock } from './server-clock';
export { listProfiles, resolveRegion, type ProfileInfo, type RegionChoice } from './profiles';

/**
 * Builds the SDK-backed gateway: one client per service (made on first use), credentials from
 * the SDK's default chain (or `options.credentials`), a request timeout, standard retries, the
 * call counter and, with `readOnly`, refusal of every mutating call before it is sent.
 */
export async function createGateway(options: GatewayOptions): Promise<ClosableAwsGateway> {
  // must be set before the SDK evaluates: on Node 20 it would write a warning over the screen
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { createSdkGateway } = await import('./sdk/sdk-gateway');
  return createSdkGateway(options);
}
