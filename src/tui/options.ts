import type { StaticCredentials } from '../aws/options';

/** What main.ts hands the TUI after parsing flags (and, for --demo, starting the simulator). */
export interface TuiOptions {
  profile?: string;
  /** When absent the TUI resolves it (AWS_REGION, the profile's region) or says how to set it. */
  region?: string;
  endpointUrl?: string;
  readOnly: boolean;
  /** Running on the embedded simulator (--demo): shows the SIMULATED badge. */
  simulated: boolean;
  /** The simulator's dummy keys in --demo; real AWS uses the SDK's credential chain. */
  credentials?: StaticCredentials;
  /** Open straight at this cluster (and service). */
  cluster?: string;
  service?: string;
  /**
   * The clock of the world the app looks at: real time against AWS, the simulator's time in
   * --demo (so ages and countdowns agree with the simulated world).
   */
  now: () => Date;
}
