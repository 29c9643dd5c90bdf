import { asList } from '../../core/input';
import { validationError } from './errors';
import type { ConditionRec } from './state';
import { isObj, type Obj, text } from './wire-members';

// Rule conditions. AWS answers a path-pattern or host-header condition with both the legacy
// `Values` and the `*Config.Values` form, whichever the caller used; other fields only carry
// their config. Conditions are stored in that answer form.

const FIELDS = [
  'path-pattern',
  'host-header',
  'http-header',
  'http-request-method',
  'query-string',
  'source-ip',
] as const;

const CONFIG_OF: Readonly<Record<(typeof FIELDS)[number], string>> = {
  'path-pattern': 'PathPatternConfig',
  'host-header': 'HostHeaderConfig',
  'http-header': 'HttpHeaderConfig',
  'http-request-method': 'HttpRequestMethodConfig',
  'query-string': 'QueryStringConfig',
  'source-ip': 'SourceIpConfig',
};

const strings = (v: unknown): string[] => asList<unknown>(v).map((s) => String(s));

function parseCondition(raw: Obj, index: number): ConditionRec {
  const field = raw['Field'];
  if (typeof field !== 'string' || !(FIELDS as readonly string[]).includes(field)) {
    // moto's wording for this check
    throw validationError(
      `Condition field '${text(field)}' must be one of '[${FIELDS.join(',')}]'`,
    );
  }
  const f = field as (typeof FIELDS)[number];
  const configName = CONFIG_OF[f];
  const config = isObj(raw[configName]) ? raw[configName] : undefined;
  if (f === 'path-pattern' || f === 'host-header') {
    const values = config ? strings(config['Values']) : strings(raw['Values']);
    if (values.length === 0) {
      throw validationError(
        `conditions.${index}.member: a ${f} condition needs at least one value`,
      );
    }
    return { Field: f, Values: values, [configName]: { Values: values } };
  }
  if (!config) {
    throw validationError(`conditions.${index}.member: a ${f} condition needs ${configName}`);
  }
  if (f === 'http-header') {
    return {
      Field: f,
      [configName]: {
        HttpHeaderName: text(config['HttpHeaderName']),
        Values: strings(config['Values']),
      },
    };
  }
  if (f === 'query-string') {
    const pairs = asList<unknown>(config['Values']).map((p) => {
      const pair = isObj(p) ? p : {};
      return pair['Key'] === undefined
        ? { Value: text(pair['Value']) }
        : { Key: text(pair['Key']), Value: text(pair['Value']) };
    });
    return { Field: f, [configName]: { Values: pairs } };
  }
  return { Field: f, [configName]: { Values: strings(config['Values']) } };
}

/** Parses a Conditions list (may be empty only for the default rule, which has none). */
export function parseConditions(value: unknown): ConditionRec[] {
  return asList<unknown>(value).map((c, i) => parseCondition(isObj(c) ? c : {}, i + 1));
}
