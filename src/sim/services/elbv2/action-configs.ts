import { SimError } from '../../core/errors';
import { constraintError, validationError } from './errors';
import type { ActionRec, ActionType } from './state';
import { intMember, isObj, lowerFirst, requireMembers, text, type Obj } from './wire-members';

// The non-forward actions: authenticate-oidc/-cognito, redirect, fixed-response, jwt-validation.
// Their configs are kept in wire form with the defaults AWS fills in, so a read-modify-write
// by a client gets back what AWS would show.

/** The Action member that carries each type's config. */
export const CONFIG_MEMBER: Readonly<Record<ActionType, string>> = {
  'authenticate-oidc': 'AuthenticateOidcConfig',
  'authenticate-cognito': 'AuthenticateCognitoConfig',
  redirect: 'RedirectConfig',
  'fixed-response': 'FixedResponseConfig',
  'jwt-validation': 'JwtValidationConfig',
  forward: 'ForwardConfig',
};

const OIDC_REQUIRED = [
  'Issuer',
  'AuthorizationEndpoint',
  'TokenEndpoint',
  'UserInfoEndpoint',
  'ClientId',
];
const COGNITO_REQUIRED = ['UserPoolArn', 'UserPoolClientId', 'UserPoolDomain'];

export interface ConfigContext {
  protocol: 'HTTP' | 'HTTPS';
  /** The actions being replaced, to keep an OIDC client secret under UseExistingClientSecret. */
  previous: readonly ActionRec[];
}

export function parseConfigured(
  type: ActionType,
  raw: Obj,
  path: string,
  ctx: ConfigContext,
): Partial<ActionRec> {
  const member = CONFIG_MEMBER[type];
  const given = raw[member];
  if (!isObj(given))
    throw validationError(`${path}.${lowerFirst(member)} is required for a ${type} action`);
  const config: Obj = { ...given };
  const configPath = `${path}.${lowerFirst(member)}`;
  if (type === 'authenticate-oidc' || type === 'authenticate-cognito') {
    if (ctx.protocol !== 'HTTPS') {
      throw new SimError(
        'InvalidLoadBalancerAction',
        `${type} actions are supported only on HTTPS listeners`,
      );
    }
    requireMembers(
      config,
      type === 'authenticate-oidc' ? OIDC_REQUIRED : COGNITO_REQUIRED,
      configPath,
    );
    config['SessionCookieName'] ??= 'AWSELBAuthSessionCookie';
    config['Scope'] ??= 'openid';
    config['SessionTimeout'] =
      config['SessionTimeout'] === undefined
        ? 604800
        : intMember(config['SessionTimeout'], `${configPath}.sessionTimeout`, 1, 604800);
    config['OnUnauthenticatedRequest'] ??= 'authenticate';
  }
  if (type === 'fixed-response') {
    const code = config['StatusCode'];
    if (typeof code !== 'string' || !/^(2|4|5)\d\d$/.test(code)) {
      throw constraintError(
        text(code),
        `${configPath}.statusCode`,
        'Member must satisfy regular expression pattern: ^(2|4|5)\\d\\d$',
      );
    }
  }
  if (type === 'redirect') {
    const code = config['StatusCode'];
    if (code !== 'HTTP_301' && code !== 'HTTP_302') {
      throw constraintError(
        text(code),
        `${configPath}.statusCode`,
        'Member must satisfy enum value set: [HTTP_301, HTTP_302]',
      );
    }
    config['Protocol'] ??= '#{protocol}';
    config['Port'] ??= '#{port}';
    config['Host'] ??= '#{host}';
    config['Path'] ??= '/#{path}';
    config['Query'] ??= '#{query}';
  }
  const out: Partial<ActionRec> = { config };
  if (type === 'authenticate-oidc') {
    const useExisting =
      config['UseExistingClientSecret'] === true || config['UseExistingClientSecret'] === 'true';
    const secret = typeof config['ClientSecret'] === 'string' ? config['ClientSecret'] : undefined;
    if (useExisting && secret !== undefined) {
      throw new SimError(
        'InvalidLoadBalancerAction',
        'You cannot both specify a client secret and set UseExistingClientSecret to true',
      );
    }
    delete config['ClientSecret'];
    delete config['UseExistingClientSecret'];
    const kept = ctx.previous.find((a) => a.type === 'authenticate-oidc')?.clientSecret;
    const clientSecret = secret ?? kept;
    if (clientSecret !== undefined) out.clientSecret = clientSecret;
  }
  return out;
}

// awsQuery maps (AuthenticationRequestExtraParams) go out as <entry><key/><value/></entry>.
export function renderConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    out[k] = k === 'AuthenticationRequestExtraParams' && isObj(v) ? new Map(Object.entries(v)) : v;
  }
  return out;
}
