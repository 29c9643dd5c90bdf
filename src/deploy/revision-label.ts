/** `arn:aws:ecs:...:task-definition/api:42` → `api:42`. */
export function revisionLabel(taskDefinitionArn: string): string {
  const slash = taskDefinitionArn.lastIndexOf('/');
  return slash >= 0 ? taskDefinitionArn.slice(slash + 1) : taskDefinitionArn;
}

/** The short id of a task or deployment ARN (last path segment). */
export function shortId(arn: string): string {
  const slash = arn.lastIndexOf('/');
  return slash >= 0 ? arn.slice(slash + 1) : arn;
}
