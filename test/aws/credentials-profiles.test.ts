import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, listProfiles, resolveRegion, validateEndpointUrl } from '../../src/aws';
import { SIM_CREDENTIALS } from '../helpers/sim';
import { failure, simAndGateway } from './helpers';

const CREDENTIAL_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_ECS',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'HOME',
];
let saved: Record<string, string | undefined>;
let home: string;

/** A clean, empty AWS environment in a temp home; files can be written into it. */
beforeEach(() => {
  saved = Object.fromEntries(CREDENTIAL_ENV.map((k) => [k, process.env[k]]));
  for (const k of CREDENTIAL_ENV) delete process.env[k];
  home = mkdtempSync(join(tmpdir(), 'ecs-rollout-home-'));
  mkdirSync(join(home, '.aws'));
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = join(home, '.aws', 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, '.aws', 'credentials');
  writeFileSync(process.env.AWS_CONFIG_FILE, '');
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, '');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function writeConfig(text: string, credentials = ''): void {
  writeFileSync(process.env.AWS_CONFIG_FILE!, text);
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, credentials);
}

describe('credentials', () => {
  it('reports missing credentials with what to do, and sends nothing', async () => {
    const { sim, gateway } = await simAndGateway();
    const gw = await gateway({ credentials: undefined });
    const err = await failure(gw.sts.getCallerIdentity());
    expect(err).toMatchObject({
      kind: 'credentials-missing',
      code: 'CredentialsProviderError',
      retryable: false,
    });
    expect(err.message).toBe('no aws credentials found for sts:GetCallerIdentity');
    expect(err.hint).toBe(
      'pass --profile NAME, run: aws sso login, or try --demo to use the built-in simulator',
    );
    expect(sim.calls.count('sts')).toBe(0);
  });

  it('names the profile when it yields no credentials', async () => {
    const { gateway } = await simAndGateway();
    const gw = await gateway({ credentials: undefined, profile: 'nope' });
    const err = await failure(gw.ecs.listClusterArns());
    expect(err).toMatchObject({ kind: 'credentials-missing' });
    expect(err.message).toBe('no aws credentials found for profile "nope" (ecs:ListClusters)');
    expect(err.hint).toContain('aws configure list-profiles');
  });

  it('uses keys from the environment through the default chain', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDFROMENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    const { gateway } = await simAndGateway();
    const gw = await gateway({ credentials: undefined });
    expect((await gw.sts.getCallerIdentity()).userId).toBe('AKIDFROMENV');
  });

  it('uses a named profile from the shared credentials file', async () => {
    writeConfig(
      '[profile dev]\nregion = eu-west-1\n',
      '[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n',
    );
    const { gateway } = await simAndGateway();
    const gw = await gateway({ credentials: undefined, profile: 'dev' });
    expect((await gw.sts.getCallerIdentity()).userId).toBe('AKIDDEV');
  });

  it('tells the person to run aws sso login for an SSO profile with no valid session', async () => {
    writeConfig(
      [
        '[profile corp-dev]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        'region = us-east-1',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    // an expired cached token without a refresh token: the SDK cannot renew it on its own
    const cache = join(home, '.aws', 'sso', 'cache');
    mkdirSync(cache, { recursive: true });
    const file = createHash('sha1').update('corp').digest('hex');
    writeFileSync(
      join(cache, `${file}.json`),
      JSON.stringify({
        accessToken: 'old',
        expiresAt: '2020-01-01T00:00:00Z',
        region: 'us-east-1',
        startUrl: 'https://corp.awsapps.com/start',
      }),
    );
    const { sim, gateway } = await simAndGateway();
    const gw = await gateway({ credentials: undefined, profile: 'corp-dev' });
    const err = await failure(gw.ecs.listClusterArns());
    expect(err).toMatchObject({
      kind: 'credentials-expired',
      message: 'aws credentials have expired (ecs:ListClusters)',
    });
    expect(err.hint).toContain('aws sso login --profile corp-dev');
    expect(sim.calls.all()).toEqual([]);
  });
});

describe('endpoints', () => {
  it('honours AWS_ENDPOINT_URL without --endpoint-url', async () => {
    const { sim, gateway } = await simAndGateway();
    process.env.AWS_ENDPOINT_URL = sim.endpoint;
    const gw = await gateway({ endpointUrl: undefined, credentials: SIM_CREDENTIALS });
    expect((await gw.sts.getCallerIdentity()).account).toBe('123456789012');
    expect(sim.calls.count('sts', 'GetCallerIdentity')).toBe(1);
  });

  it('honours AWS_ENDPOINT_URL_ECS for ECS only', async () => {
    const { sim, gateway } = await simAndGateway();
    process.env.AWS_ENDPOINT_URL_ECS = sim.endpoint;
    const gw = await gateway({ endpointUrl: undefined, credentials: SIM_CREDENTIALS });
    expect(await gw.ecs.listClusterArns()).toEqual([]);
    expect(sim.calls.count('ecs', 'ListClusters')).toBe(1);
  });

  it('accepts loopback http and any https, refuses plain http elsewhere and non-URLs', () => {
    expect(validateEndpointUrl('http://127.0.0.1:4566')).toBe('http://127.0.0.1:4566');
    expect(validateEndpointUrl('http://localhost:4566')).toBe('http://localhost:4566');
    expect(validateEndpointUrl('https://vpce-1.ecs.eu-west-1.vpce.amazonaws.com')).toContain(
      'https://',
    );
    expect(() => validateEndpointUrl('http://10.0.0.5:4566')).toThrow(
      /plain http to a host that is not this machine/,
    );
    expect(() => validateEndpointUrl('localhost:4566')).toThrow(/must start with http/);
    expect(() => validateEndpointUrl('not a url')).toThrow(/is not a URL/);
  });

  it('refuses a bad --endpoint-url when the gateway is created, with a hint', async () => {
    await expect(
      createGateway({ region: 'us-east-1', endpointUrl: 'http://203.0.113.9:4566' }),
    ).rejects.toMatchObject({
      name: 'ExpectedError',
      hint: 'use https:// for remote endpoints; plain http is only allowed to 127.0.0.1 or localhost',
    });
  });
});

describe('profiles and region', () => {
  it('lists profiles from both files with their regions, default first', async () => {
    writeConfig(
      '[default]\nregion = us-east-1\n[profile prod]\nregion = eu-west-1\nsso_session = corp\n[sso-session corp]\nsso_region = us-east-1\n[services local]\necs =\n  endpoint_url = http://127.0.0.1:1\n',
      '[ci]\naws_access_key_id = A\naws_secret_access_key = B\nregion = ap-south-1\n[prod]\naws_access_key_id = A\naws_secret_access_key = B\n',
    );
    expect(await listProfiles()).toEqual([
      { name: 'default', region: 'us-east-1', sso: false, files: ['config'] },
      { name: 'ci', region: 'ap-south-1', sso: false, files: ['credentials'] },
      { name: 'prod', region: 'eu-west-1', sso: true, files: ['config', 'credentials'] },
    ]);
  });

  it('resolves the region from the flag, then the environment, then the profile', async () => {
    writeConfig(
      '[default]\nregion = us-west-2\n[profile eu]\nregion = eu-central-1\n[profile none]\noutput = json\n',
    );
    expect(await resolveRegion({ flag: 'ap-northeast-1', profile: 'eu' })).toEqual({
      region: 'ap-northeast-1',
      source: 'flag',
    });
    process.env.AWS_REGION = 'sa-east-1';
    expect(await resolveRegion({ profile: 'eu' })).toEqual({ region: 'sa-east-1', source: 'env' });
    delete process.env.AWS_REGION;
    expect(await resolveRegion({ profile: 'eu' })).toEqual({
      region: 'eu-central-1',
      source: 'profile',
    });
    expect(await resolveRegion({})).toEqual({ region: 'us-west-2', source: 'profile' });
    process.env.AWS_PROFILE = 'eu';
    expect(await resolveRegion({})).toEqual({ region: 'eu-central-1', source: 'profile' });
    delete process.env.AWS_PROFILE;
    await expect(resolveRegion({ profile: 'none' })).rejects.toMatchObject({
      message: 'no aws region set (profile "none" has none)',
      hint: 'pass --region NAME (for example --region eu-west-1), or set AWS_REGION',
    });
    await expect(resolveRegion({ profile: 'typo' })).rejects.toMatchObject({
      message: 'aws profile "typo" not found in the shared config or credentials file',
      hint: 'known profiles: default, eu, none; pass one with --profile NAME',
    });
    await expect(resolveRegion({ flag: 'US East' })).rejects.toThrow(/is not a region name/);
  });

  it('asks for --region when nothing names one', async () => {
    await expect(resolveRegion({})).rejects.toMatchObject({ message: 'no aws region set' });
  });
});
