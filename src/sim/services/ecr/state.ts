/** Ecr resources of one account and region. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the ecr service module
export interface EcrState {}

export function createEcrState(): EcrState {
  return {};
}
