import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { StsGateway } from '../gateway';
import { abortable } from './send';

export function createStsGateway(client: STSClient): StsGateway {
  return {
    async getCallerIdentity(opts) {
      const out = await client.send(new GetCallerIdentityCommand({}), abortable(opts));
      return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
    },
  };
}
