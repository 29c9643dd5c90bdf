/**
 * awsJson encoding. Timestamps must go out as epoch-second numbers: the SDK throws on an
 * ISO string in a JSON reply (aws-semantics A.2), so every Date becomes seconds here.
 */
export function toAwsJson(value: unknown): string {
  return JSON.stringify(
    value ?? {},
    function replacer(this: Record<string, unknown>, key: string, v: unknown) {
      const original = this[key];
      if (original instanceof Date) return original.getTime() / 1000;
      if (original instanceof Map) return Object.fromEntries(original as Map<string, unknown>);
      return v;
    },
  );
}

export function jsonErrorBody(
  code: string,
  message: string,
  fields: Record<string, unknown>,
): string {
  return toAwsJson({ __type: code, message, ...fields });
}
