import { defineSourceCommand, type SourceCommand } from '@cred-launch/core';
import { parseEncryptArgs, type EncryptCommandOptions } from './encrypt-options.js';
import { ENCRYPT_USAGE } from './usage.js';

/**
 * The `encrypt` command of the file plugin. Its work (file writing, key
 * generation, age) lives in encrypt-run.ts and is imported only when the
 * command runs, so decrypting — every cold `aws` call — never loads it.
 */
export const encryptCommand: SourceCommand<EncryptCommandOptions> = defineSourceCommand({
  description: 'Encrypt a plaintext AWS credentials file (OpenSSL enc or age) for use with cred-launch file',
  usage: ENCRYPT_USAGE,
  parseArgs: parseEncryptArgs,
  run: async (context) => {
    const { runEncrypt } = await import('./encrypt-run.js');
    return runEncrypt(context);
  },
});
