/**
 * Secrets never reach the screen: task definition environment values and secret sources are
 * replaced by a mask whose length says nothing about the value.
 */
export const MASK = '••••••';

/** A secret's `valueFrom` shows only which store it lives in: `secretsmanager:••••••`. */
export function maskSecretSource(valueFrom: string): string {
  if (valueFrom.startsWith('arn:')) {
    const service = valueFrom.split(':')[2];
    if (service && /^[a-z0-9-]+$/.test(service)) return `${service}:${MASK}`;
    return MASK;
  }
  // a bare parameter name is SSM in the same account and Region
  return `ssm:${MASK}`;
}
