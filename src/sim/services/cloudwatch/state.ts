/** CloudWatch resources of one account and region. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the cloudwatch service module
export interface CloudWatchState {}

export function createCloudWatchState(): CloudWatchState {
  return {};
}
