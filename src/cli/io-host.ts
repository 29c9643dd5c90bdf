import type { ConfirmRequest, DeployMessage, IoHost } from '../deploy/io-host';
import { UsageError } from './errors';
import { canPrompt } from './runtime';
import type { Session } from './session';

/**
 * The engine's host in the headless CLI: messages go to the reporter; confirmations are
 * answered by --yes (and --confirm-service for a protected service), else asked on the
 * terminal with plain readline. It never waits for an answer nobody can give.
 */
export class CliIoHost implements IoHost {
  /** The person answered no at the prompt. */
  declined = false;

  constructor(
    private readonly session: Session,
    private readonly confirmService: string | undefined,
  ) {}

  notify(message: DeployMessage): void {
    this.session.reporter.message({
      type: 'message',
      code: message.code,
      level: message.level,
      text: message.text,
      ...(message.data ? { data: message.data } : {}),
    });
  }

  async confirm(request: ConfirmRequest): Promise<boolean> {
    const { rt, opts } = this.session;
    const interactive = canPrompt(rt);
    if (request.typeToConfirm) {
      const name = request.typeToConfirm;
      if (this.confirmService === name) return true;
      if (this.confirmService !== undefined)
        throw new UsageError(
          `--confirm-service "${this.confirmService}" does not match the protected service "${name}"`,
          `pass --confirm-service ${name}`,
        );
      if (!interactive)
        throw new UsageError(
          `service "${name}" is protected (tag ecs-rollout:protected)`,
          `confirm it by name: --confirm-service ${name}`,
        );
      this.show(request);
      const answer = await rt.ask(`${name} is protected. Type its name to go ahead: `);
      return this.answered(answer.trim() === name);
    }
    if (opts.yes) return true;
    if (!interactive)
      throw new UsageError(
        `refusing to ${request.title.toLowerCase()} without --yes when not attached to a terminal`,
        'add --yes to go ahead',
      );
    this.show(request);
    const answer = await rt.ask(
      `${request.dangerous ? 'This is a dangerous action. ' : ''}Go ahead? [y/N] `,
    );
    return this.answered(/^y(es)?$/i.test(answer.trim()));
  }

  private show(request: ConfirmRequest): void {
    this.session.rt.err(request.title);
    for (const line of request.lines) this.session.rt.err(`  ${line}`);
  }

  private answered(yes: boolean): boolean {
    if (!yes) this.declined = true;
    return yes;
  }
}
