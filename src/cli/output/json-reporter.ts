import type { JsonLine } from '../json-schema';
import type { Reporter } from './reporter';

/** NDJSON on stdout: one object per line, each with the time it was written. */
export function jsonReporter(
  out: (line: string) => void,
  now: () => Date = () => new Date(),
): Reporter {
  // `type` first and `time` second, so a person scanning the log sees what each line is
  const write = ({ type, ...rest }: Omit<JsonLine, 'time'>) =>
    out(JSON.stringify({ type, time: now().toISOString(), ...rest }));
  return {
    message: (line) => write(line),
    progress: (line) => write(line),
    event: (line) => write(line),
    plan: (line) => write(line),
    services: (lines) => lines.forEach((line) => write(line)),
    candidates: (lines) => lines.forEach((line) => write(line)),
    result: (line) => write(line),
  };
}
