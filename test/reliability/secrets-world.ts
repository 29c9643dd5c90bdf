import type { World } from '../../src/sim';

/** The marker every planted secret carries: no output may ever contain it. */
export const MARK = 'SUPERSECRET';

/**
 * Puts a marked environment value, a marked secret source and marked registry credentials
 * into every container of every task definition in the world (after the world is built, so any
 * test world can carry them). Values differ per revision, so a diff of two revisions has
 * changed environment values to (not) show.
 */
export function plantSecrets(world: World, region = 'us-east-1'): void {
  const ecs = world.region(region).ecs;
  for (const family of ecs.taskDefinitions.values()) {
    for (const td of family.revisions) {
      td.containerDefinitions = td.containerDefinitions.map((c) => ({
        ...c,
        environment: [
          ...(c.environment ?? []),
          { name: 'API_TOKEN', value: `${MARK}-env-${td.family}-${td.revision}` },
        ],
        secrets: [
          ...(c.secrets ?? []),
          {
            name: 'VAULT_TOKEN',
            valueFrom: `arn:aws:secretsmanager:${region}:${world.accountId}:secret:${MARK}-${td.family}`,
          },
        ],
        repositoryCredentials: {
          credentialsParameter: `arn:aws:secretsmanager:${region}:${world.accountId}:secret:${MARK}-registry`,
        },
      }));
    }
  }
}

/** Every place a marker shows up in `text`, with a little context, for a failure message. */
export function leaks(text: string): string[] {
  const found: string[] = [];
  let at = text.indexOf(MARK);
  while (at >= 0 && found.length < 5) {
    found.push(text.slice(Math.max(0, at - 60), at + 40).replace(/\s+/g, ' '));
    at = text.indexOf(MARK, at + MARK.length);
  }
  return found;
}
