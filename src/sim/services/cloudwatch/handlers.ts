import type { HandlerTable } from '../../core/types';
import {
  deleteAlarms,
  describeAlarms,
  putMetricAlarmHandler,
  setAlarmStateHandler,
} from './alarm-handlers';
import { getMetricData, putMetricData } from './metric-handlers';

/**
 * cloudwatch operations by name. The same table serves awsJson 1.0 (the JS SDK) and awsQuery
 * (older AWS CLIs), so outputs use the model's PascalCase members and Dates.
 */
export const cloudwatchHandlers: HandlerTable = {
  DescribeAlarms: describeAlarms,
  PutMetricAlarm: putMetricAlarmHandler,
  SetAlarmState: setAlarmStateHandler,
  DeleteAlarms: deleteAlarms,
  GetMetricData: getMetricData,
  PutMetricData: putMetricData,
};
