import type { CallOptions } from '../gateway';

/** The `send` options carrying a call's AbortSignal, so leaving a screen cancels its calls. */
export function abortable(opts: CallOptions | undefined): { abortSignal?: AbortSignal } {
  return opts?.signal ? { abortSignal: opts.signal } : {};
}
