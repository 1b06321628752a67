import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { SecretRedactor, type SourceCommandContext } from '@cred-launch/core';
import source from '../src/index.js';

/** A secret access key that must never show up in any message. */
export const CANARY = 'CANARYkeychainSECRET/do+not+print0123456789';
/** The stored document of the `dev` entry the tests plant. */
export const DEV_DOCUMENT = JSON.stringify({ version: 1, accessKeyId: 'AKIAKEYCHAINDEV00001', secretAccessKey: CANARY });

/**
 * A D-Bus "session bus" that accepts connections and never answers: the
 * real secret-tool connects and waits forever for the authentication reply.
 * The keychain plugin's version of a backend that hangs.
 */
export async function startSilentBus(dir: string): Promise<{ address: string; close: () => Promise<void> }> {
  const path = join(dir, 'silent-bus');
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    address: `unix:path=${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Result of running a plugin command the way the launcher does. */
export interface CommandRun {
  text?: string;
  error?: { code: string; message: string; hint?: string };
  redactor: SecretRedactor;
}

/** Runs `cred-launch keychain <command> <argv…>` in-process (parse, run) with the given env, stdin and prompt. */
export async function runCommand(
  command: 'add' | 'list' | 'remove',
  argv: string[],
  options: { env: Record<string, string>; stdin?: string; prompt?: SourceCommandContext<unknown>['prompt']; cwd?: string; homedir?: string },
): Promise<CommandRun> {
  const redactor = new SecretRedactor();
  const definition = source.commands?.[command];
  if (definition === undefined) throw new Error(`no ${command} command`);
  try {
    const args = definition.parseArgs({ argv, env: options.env });
    const stdin = options.stdin;
    const context: SourceCommandContext<unknown> = {
      args,
      env: options.env,
      signal: AbortSignal.timeout(20_000),
      log: () => undefined,
      secrets: redactor,
      now: () => new Date(),
      cwd: options.cwd ?? process.cwd(),
      homedir: options.homedir ?? '/nonexistent-home',
      ...(stdin === undefined ? {} : { readStdin: async () => stdin }),
      ...(options.prompt === undefined ? {} : { prompt: options.prompt }),
    };
    return { text: await definition.run(context), redactor };
  } catch (error) {
    const e = error as { code: string; message: string; hint?: string };
    return { error: { code: e.code, message: e.message, ...(e.hint === undefined ? {} : { hint: e.hint }) }, redactor };
  }
}
