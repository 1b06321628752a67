import { CredentialError } from '@cred-launch/core';

/** Largest standard input a plugin command is handed: a credentials document is a few KiB. */
export const MAX_STDIN_BYTES = 1024 * 1024;

/**
 * Reads the process's whole standard input as UTF-8, for plugin commands
 * (`keychain add --from-stdin`). Stops at {@link MAX_STDIN_BYTES} and when
 * `signal` aborts (the time limit), so a stdin nobody closes never hangs.
 */
export function readProcessStdin(signal: AbortSignal, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (error: unknown): void => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', done);
      signal.removeEventListener('abort', onAbort);
      stdin.pause();
      if (error === undefined) resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(error);
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > MAX_STDIN_BYTES)
        return done(new CredentialError('USAGE', `standard input is larger than ${MAX_STDIN_BYTES} bytes`, { hint: 'pipe only the credentials document' }));
      chunks.push(buffer);
    };
    const onEnd = (): void => done(undefined);
    const onAbort = (): void => done(signal.reason);
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', done);
    stdin.resume();
  });
}
