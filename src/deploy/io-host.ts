/**
 * How the engine talks to a person: messages out, confirmations in. The TUI and the headless
 * CLI are two hosts over the same engine (architecture: "one engine for TUI and CLI").
 */
export type MessageLevel = 'debug' | 'info' | 'warn' | 'error' | 'result';

export interface DeployMessage {
  /** Stable code, e.g. `ECSR_REGISTER_I2001`, so CI logs and tests can match on it. */
  code: string;
  level: MessageLevel;
  /** One human line. */
  text: string;
  /** Machine-readable details for `--output json`. Never carries secret values. */
  data?: Record<string, unknown>;
}

export interface ConfirmRequest {
  title: string;
  /** What will happen, one line each (the calls, the diff summary). */
  lines: string[];
  /** A protected service: the person must type this to confirm. */
  typeToConfirm?: string;
  /** Confirmation for a dangerous action (rollback, abort, promote fully). */
  dangerous: boolean;
}

export interface IoHost {
  notify(message: DeployMessage): void;
  /** Resolves true to go ahead. A host that cannot ask (non-TTY without --yes) throws. */
  confirm(request: ConfirmRequest): Promise<boolean>;
}

/** A host that records everything and answers confirmations from a script (tests). */
export class RecordingIoHost implements IoHost {
  readonly messages: DeployMessage[] = [];
  readonly confirmations: ConfirmRequest[] = [];

  constructor(private readonly answer: (request: ConfirmRequest) => boolean = () => true) {}

  notify(message: DeployMessage): void {
    this.messages.push(message);
  }

  confirm(request: ConfirmRequest): Promise<boolean> {
    this.confirmations.push(request);
    return Promise.resolve(this.answer(request));
  }

  codes(): string[] {
    return this.messages.map((m) => m.code);
  }
}
