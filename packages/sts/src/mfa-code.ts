import { CredentialError } from '@cred-launch/core';
import { runMfaCommand } from './mfa-command.js';
import type { StsExchangeContext, StsExchangeOptions } from './options.js';
import { parseTotpSeed, totpCode, type TotpDevice } from './totp.js';

/** Where a one-time code came from; a seed can make another one, a person or command cannot be asked twice. */
export type MfaCodeOrigin = { kind: 'seed'; device: TotpDevice } | { kind: 'command' } | { kind: 'prompt' };

/** A one-time code ready for STS's TokenCode. */
export interface MfaCode {
  code: string;
  origin: MfaCodeOrigin;
}

const CODE = /^\d{6}$/u;

/**
 * Gets the one-time code for `serial`, in this order: the TOTP seed the
 * plugin returned (computed locally, nobody is asked), else `--mfa-command`,
 * else a prompt on the controlling terminal, else a USAGE error that says
 * how to provide one.
 */
export async function obtainMfaCode(serial: string, totpSeed: string | undefined, options: StsExchangeOptions, context: StsExchangeContext): Promise<MfaCode> {
  if (totpSeed !== undefined) {
    const device = parseTotpSeed(totpSeed);
    context.log(`MFA code for ${serial} computed from the TOTP seed stored with the credentials`);
    return { code: await totpCode(device, context.now()), origin: { kind: 'seed', device } };
  }
  if (options.mfaCommand !== undefined) {
    context.log(`MFA code for ${serial} from --mfa-command`);
    const code = await runMfaCommand({ command: options.mfaCommand, env: context.env, signal: context.signal, log: context.log });
    if (!CODE.test(code)) {
      throw new CredentialError('AUTH', '--mfa-command did not print a 6-digit MFA code', {
        hint: 'its trimmed stdout must be exactly the code; send anything else to stderr',
      });
    }
    return { code, origin: { kind: 'command' } };
  }
  const answer = await context.promptMfaCode?.({ serial, signal: context.signal });
  if (answer === undefined) {
    throw new CredentialError('USAGE', `an MFA code is needed for ${serial}, and there is no terminal to ask on`, {
      hint: 'store the TOTP seed with the credentials (mfa_totp_seed), or pass --mfa-command CMD, or run from a terminal',
    });
  }
  const code = answer.trim();
  if (!CODE.test(code)) {
    throw new CredentialError('USAGE', 'the MFA code must be 6 digits', { hint: 'type the code your MFA device shows now' });
  }
  return { code, origin: { kind: 'prompt' } };
}
