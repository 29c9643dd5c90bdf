/** Ecs resources of one account and region. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the ecs service module
export interface EcsState {}

export function createEcsState(): EcsState {
  return {};
}
