import { ExpectedError } from '../errors';

/**
 * Profile names and regions from the shared config/credentials files, for the profile picker
 * and for region resolution. Only names and regions are read here: credentials stay with the
 * SDK's provider chain.
 */
export interface ProfileInfo {
  name: string;
  region?: string;
  /** Signs in through IAM Identity Center (`aws sso login`). */
  sso: boolean;
  /** Which files define it. */
  files: ('config' | 'credentials')[];
}

type Section = Record<string, string | undefined>;

async function loadFiles(): Promise<{
  config: Record<string, Section>;
  credentials: Record<string, Section>;
}> {
  // loaded on demand so importing this module costs nothing before the first frame
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  // ignoreCache: the picker must show a profile added a minute ago
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  return { config: files.configFile, credentials: files.credentialsFile };
}

/** `sso-session.x` and `services.x` sections are not profiles. */
function isProfileKey(key: string): boolean {
  return !/^(sso-session|services)\./.test(key);
}

/** Every profile in ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE etc.), `default` first. */
export async function listProfiles(): Promise<ProfileInfo[]> {
  const { config, credentials } = await loadFiles();
  const byName = new Map<string, ProfileInfo>();
  const add = (name: string, section: Section, file: 'config' | 'credentials') => {
    const info = byName.get(name) ?? { name, sso: false, files: [] };
    // the config file's region wins: that is where the AWS CLI writes it
    if (section.region && (file === 'config' || info.region === undefined))
      info.region = section.region;
    if (section.sso_session || section.sso_start_url) info.sso = true;
    info.files.push(file);
    byName.set(name, info);
  };
  for (const [name, section] of Object.entries(config))
    if (isProfileKey(name)) add(name, section, 'config');
  for (const [name, section] of Object.entries(credentials)) add(name, section, 'credentials');
  return [...byName.values()].sort((a, b) =>
    a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name),
  );
}

export interface RegionChoice {
  region: string;
  source: 'flag' | 'env' | 'profile';
}

/**
 * The region to use: `--region`, then AWS_REGION / AWS_DEFAULT_REGION, then the profile's
 * `region`. Fails with a message that says how to pass one.
 */
export async function resolveRegion(opts: {
  flag?: string;
  profile?: string;
}): Promise<RegionChoice> {
  if (opts.flag) return { region: checkRegion(opts.flag, '--region'), source: 'flag' };
  const env = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (env) {
    const name = process.env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION';
    return { region: checkRegion(env, name), source: 'env' };
  }
  const profileName = opts.profile || process.env.AWS_PROFILE || 'default';
  const profiles = await listProfiles();
  const profile = profiles.find((p) => p.name === profileName);
  if (!profile && (opts.profile || process.env.AWS_PROFILE)) {
    const known = profiles.map((p) => p.name).join(', ');
    throw new ExpectedError(
      `aws profile "${profileName}" not found in the shared config or credentials file`,
      known
        ? `known profiles: ${known}; pass one with --profile NAME`
        : 'no profiles are configured: run aws configure, or pass --region and credentials in the environment',
    );
  }
  if (profile?.region)
    return { region: checkRegion(profile.region, `profile "${profileName}"`), source: 'profile' };
  throw new ExpectedError(
    `no aws region set${profile ? ` (profile "${profileName}" has none)` : ''}`,
    'pass --region NAME (for example --region eu-west-1), or set AWS_REGION',
  );
}

function checkRegion(region: string, from: string): string {
  const trimmed = region.trim();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(trimmed)) {
    throw new ExpectedError(
      `region "${region}" from ${from} is not a region name`,
      'use a name such as us-east-1 or eu-west-1',
    );
  }
  return trimmed;
}
