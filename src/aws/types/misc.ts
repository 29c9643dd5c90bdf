// ECR, CloudWatch and STS domain types.

export interface ImageDetail {
  registryId?: string;
  repositoryName: string;
  digest: string;
  tags: string[];
  pushedAt?: Date;
  sizeBytes?: number;
}

export interface Alarm {
  name: string;
  arn?: string;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' | (string & {});
  stateReason?: string;
  stateUpdatedAt?: Date;
  namespace?: string;
  metricName?: string;
  dimensions: { name: string; value: string }[];
  threshold?: number;
  comparison?: string;
}

export interface MetricQuery {
  id: string;
  namespace: string;
  metricName: string;
  dimensions: { name: string; value: string }[];
  /** Seconds. */
  period: number;
  stat: 'Sum' | 'Average' | 'Maximum' | 'Minimum' | 'SampleCount' | (string & {});
}

export interface MetricSeries {
  id: string;
  label?: string;
  timestamps: Date[];
  values: number[];
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}
