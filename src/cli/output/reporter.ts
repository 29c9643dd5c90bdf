import type {
  Body,
  CandidateLine,
  EventLine,
  MessageLine,
  PlanLine,
  ProgressLine,
  ResultLine,
  ServiceLine,
} from '../json-schema';

/**
 * Where a command's output goes. Commands call these with data; the text reporter turns it
 * into lines for people, the JSON reporter into NDJSON for machines. Neither ever receives a
 * task definition document, so neither can print a secret.
 */
export interface Reporter {
  message(line: Body<MessageLine>): void;
  progress(line: Body<ProgressLine>): void;
  event(line: Body<EventLine>): void;
  plan(line: Body<PlanLine>): void;
  services(lines: Body<ServiceLine>[]): void;
  candidates(lines: Body<CandidateLine>[]): void;
  /** The last line of every run. */
  result(line: Body<ResultLine>): void;
}

/** Codes of the CLI's own messages (the engine's are ECSR_<AREA>_...). */
export const CLI_CODES = {
  planning: 'ECSR_CLI_I1001',
  waiting: 'ECSR_CLI_I1002',
  nothingInProgress: 'ECSR_CLI_I1003',
  pollRetry: 'ECSR_CLI_W1004',
  paused: 'ECSR_CLI_W1005',
  interrupted: 'ECSR_CLI_W1006',
  action: 'ECSR_CLI_I1007',
  planWritten: 'ECSR_CLI_I1008',
  rollbackTarget: 'ECSR_CLI_I1009',
  imagesSkipped: 'ECSR_CLI_W1010',
} as const;
