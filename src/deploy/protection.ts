import type { AwsGateway, CallOptions } from '../aws/gateway';
import type { ConfirmRequest } from './io-host';
import { isProtected } from './plan/register';

/**
 * A protected service (tag `ecs-rollout:protected`, product.md) needs its name typed for every
 * change, not only a deploy: promote, abort and an in-flight rollback too. A controller may
 * have been attached from a listing read without tags, so it reads them itself, once, at its
 * first action: one DescribeServices (include TAGS) for every service the rollout changes.
 * An ALB canary pair is protected when either service is; the name to type is the stable
 * service's, as for its deploy.
 */
export class ProtectionCheck {
  private nameToType: string | null | undefined;

  constructor(
    private readonly gw: AwsGateway,
    private readonly cluster: string,
    /** The services the actions change; the first is the name to type. */
    private readonly services: readonly [string, ...string[]],
    /** Known already (from the plan): skips the read. */
    known?: boolean,
  ) {
    if (known !== undefined) this.nameToType = known ? services[0] : null;
  }

  /** The confirmation as asked, with `typeToConfirm` when the service is protected. */
  async guard(request: ConfirmRequest, opts: CallOptions = {}): Promise<ConfirmRequest> {
    if (this.nameToType === undefined) {
      const { services } = await this.gw.ecs.describeServices(this.cluster, [...this.services], {
        ...opts,
        includeTags: true,
      });
      this.nameToType = services.some((s) => isProtected(s.tags)) ? this.services[0] : null;
    }
    return this.nameToType === null ? request : { ...request, typeToConfirm: this.nameToType };
  }
}
