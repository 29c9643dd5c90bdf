/** CodeDeploy resources of one account and region. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the codedeploy service module
export interface CodeDeployState {}

export function createCodeDeployState(): CodeDeployState {
  return {};
}
