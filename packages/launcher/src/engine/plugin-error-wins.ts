import { CredentialError, isCredentialError } from '@cred-launch/core';
import type { Deadline } from '../deadline.js';

/**
 * How long, after the time limit fires, the work may take to answer the
 * abort with its own error. Plugins reject from their abort listener (see
 * core's `abortable`), so this is normally a few microtasks; a plugin that
 * ignores the signal costs this much more, once.
 * @default 250
 */
export const PLUGIN_ERROR_GRACE_MS = 250;

function settledWithin<T>(work: Promise<T>, ms: number): Promise<PromiseSettledResult<T> | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve({ status: 'fulfilled', value });
      },
      (reason: unknown) => {
        clearTimeout(timer);
        resolve({ status: 'rejected', reason });
      },
    );
  });
}

/**
 * `deadline.race(work)`, except that a plugin's own TIMEOUT wins over the
 * generic one: when the limit fires, the plugin is told through the signal,
 * and a CredentialError it answers with (1password's "approve the app prompt
 * sooner", secrets-manager's "check network access to the endpoint") says
 * more than "gave up after 30s". Any other late answer gives way to the
 * limit's error, and a rejection after the limit is never the cause of a
 * crash (it is observed here).
 */
export async function raceKeepingPluginError<T>(deadline: Deadline, work: Promise<T>, what: string, timeoutSeconds: number): Promise<T> {
  try {
    return await deadline.race(work);
  } catch (error) {
    if (!deadline.signal.aborted) throw error;
    const late = await settledWithin(work, PLUGIN_ERROR_GRACE_MS);
    if (late?.status === 'rejected' && isCredentialError(late.reason, 'TIMEOUT') && late.reason !== deadline.signal.reason) throw late.reason;
    if (isCredentialError(error, 'TIMEOUT')) throw error;
    // The work failed some other way after the signal fired (an aborted socket): that is the time limit too.
    throw new CredentialError('TIMEOUT', `${what} did not finish within ${timeoutSeconds}s`, {
      cause: error,
      hint: 'check the backend is reachable, or raise the limit with --timeout',
    });
  }
}
