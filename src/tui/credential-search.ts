/**
 * What the no-credentials screen says: where credentials (or the Region) were looked for, what
 * AWS or the SDK answered, and the ways on. Reads only names and file presence, never a key.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { listProfiles, type ProfileInfo } from '../aws';
import { describeError } from '../errors';

export type CredentialProblem = 'credentials' | 'region';

export interface CredentialReport {
  problem: CredentialProblem;
  title: string;
  /** The error as the gateway or the region resolver put it. */
  said: string;
  lookedFor: string[];
  waysOn: string[];
}

export interface SearchInput {
  problem: CredentialProblem;
  error: unknown;
  /** `--profile`, if given. */
  profile?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Injected in tests; default reads the shared config files. */
  profiles?: () => Promise<ProfileInfo[]>;
}

export async function credentialReport(input: SearchInput): Promise<CredentialReport> {
  const env = input.env ?? process.env;
  const profiles = await (input.profiles ?? listProfiles)().catch(() => [] as ProfileInfo[]);
  const name = input.profile ?? (env.AWS_PROFILE || 'default');
  const from = input.profile ? '--profile' : env.AWS_PROFILE ? 'AWS_PROFILE' : 'the default';
  const profile = profiles.find((p) => p.name === name);
  const { message, hint } = describeError(input.error);
  const said = hint ? `${message} (${hint})` : message;
  const known = profiles.map((p) => p.name);
  const knownText = known.length
    ? ` (yours: ${known.slice(0, 6).join(', ')}${known.length > 6 ? ', …' : ''})`
    : '';

  const files = [
    fileState('config', env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config')),
    fileState(
      'credentials',
      env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'),
    ),
  ];
  const lookedFor = [
    `environment variables: AWS_ACCESS_KEY_ID ${setOrNot(env.AWS_ACCESS_KEY_ID)}, AWS_PROFILE ${setOrNot(env.AWS_PROFILE)}, AWS_REGION ${setOrNot(env.AWS_REGION || env.AWS_DEFAULT_REGION)}`,
    `profile "${name}" (${from}): ${profile ? profileText(profile) : 'not found in the config files'}`,
    `IAM Identity Center (SSO): ${profile?.sso ? `profile "${name}" signs in with SSO; its session may have expired` : `no SSO set up for profile "${name}"`}`,
    `config files: ${files.join(', ')}`,
  ];
  if (input.problem === 'region') {
    return {
      problem: 'region',
      title: 'No AWS Region set',
      said,
      lookedFor,
      waysOn: [
        way('ecs-rollout --region NAME', 'pick the Region, e.g. --region eu-west-1'),
        way('export AWS_REGION=NAME', 'or set it in the environment'),
        way('ecs-rollout --profile NAME', `use a profile that has a region${knownText}`),
        way('ecs-rollout --demo', 'try it on the built-in simulator, no account needed'),
      ],
    };
  }
  return {
    problem: 'credentials',
    title: 'No AWS credentials found',
    said,
    lookedFor,
    waysOn: [
      way('ecs-rollout --profile NAME', `use a profile from your config${knownText}`),
      way(
        `aws sso login --profile ${profile?.sso ? name : 'NAME'}`,
        'sign in with IAM Identity Center, then start again',
      ),
      way('ecs-rollout --demo', 'try it on the built-in simulator, no account needed'),
    ],
  };
}

/** `command   what it does`, commands aligned in one column. */
function way(command: string, what: string): string {
  return `${command.padEnd(34)} ${what}`;
}

function setOrNot(value: string | undefined): string {
  return value ? 'set' : 'not set';
}

function fileState(label: string, path: string): string {
  return `${label} ${path} (${existsSync(path) ? 'found' : 'missing'})`;
}

function profileText(profile: ProfileInfo): string {
  const where = profile.files.join(' and ');
  const region = profile.region ? `, region ${profile.region}` : ', no region';
  return `in the ${where} file${profile.files.length > 1 ? 's' : ''}${region}, but it gave no credentials`;
}
