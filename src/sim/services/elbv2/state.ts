/** Elb resources of one account and region. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the elbv2 service module
export interface ElbState {}

export function createElbState(): ElbState {
  return {};
}
