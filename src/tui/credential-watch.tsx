/**
 * Mounted inside the App: when a call fails because the SSO token (or session) expired, say on
 * the flash line exactly what to run; the pollers keep their last data and keep trying, and the
 * first call that succeeds afterwards (the token was refreshed) clears the message by itself.
 */
import { useEffect } from 'react';
import { useFlash } from '../app/flash-context';
import type { CallCounter } from '../aws';

export function expiredMessage(profile: string): string {
  return `AWS credentials expired: run aws sso login --profile ${profile}`;
}

export function CredentialWatch({
  calls,
  profile,
  onRecovered,
}: {
  calls: CallCounter;
  profile: string;
  /** E.g. ask who we are again, if that was what failed. */
  onRecovered?: () => void;
}) {
  const flash = useFlash();
  useEffect(() => {
    let expired = false;
    return calls.subscribe((event) => {
      if (event.outcome === 'error' && event.errorKind === 'credentials-expired') {
        expired = true;
        // every failed poll says it again, so the message stays up while the token is stale
        flash.error(expiredMessage(profile));
      } else if (event.outcome === 'ok' && expired) {
        expired = false;
        flash.info('AWS credentials are valid again');
        onRecovered?.();
      }
    });
  }, [calls, flash, profile, onRecovered]);
  return null;
}
