import type { BackendKind } from './backend-kind.js';
import { cleanNames, SERVICE, type BackendContext, type KeychainBackend } from './backend-contract.js';
import { keychainError } from './errors.js';
import { firstLine, runProgram, type ProgramResult } from './run-program.js';

const PROGRAM = 'security';
const MISSING_HINT = 'security ships with macOS in /usr/bin; check PATH, or choose --backend';
const LOCKED_HINT = 'unlock it (security unlock-keychain, or Keychain Access) and try again';
/** errSecItemNotFound, as `security` reports it in its exit status. */
const ITEM_NOT_FOUND = 44;
/** `security -i` reads at most 4096 bytes per line (SecurityTool/macOS/security.c). */
export const MAX_INTERACTIVE_LINE = 4096;

/**
 * The macOS login keychain through `security` (in /usr/bin): one entry is a
 * generic password with service `cred-launch` and account `<name>`.
 *
 * Writing: `add-generic-password -w <secret>` would put the secret on the
 * command line, where `ps` shows it to every user while it runs, and `-w`
 * without a value prompts on the terminal (getpass), which a script cannot
 * feed. So the command is written as one line to `security -i` (interactive
 * mode reads commands from stdin) with the value hex-encoded by `-X`, a plain
 * token needing no quoting: no secret on any argv. Reading:
 * `find-generic-password -w` prints the value on stdout (our pipe).
 */
export class MacosKeychainBackend implements KeychainBackend {
  readonly kind: BackendKind = 'macos';
  readonly #context: BackendContext;

  constructor(context: BackendContext) {
    this.#context = context;
  }

  async read(name: string): Promise<string | undefined> {
    const result = await this.#run(['find-generic-password', '-s', SERVICE, '-a', name, '-w']);
    if (result.status === ITEM_NOT_FOUND) return undefined;
    if (result.status !== 0) throw failure(result, `could not read "${name}"`);
    return decodePassword(result.stdout.replace(/\r?\n$/u, ''));
  }

  async write(name: string, value: string): Promise<void> {
    const line = `add-generic-password -U -s ${SERVICE} -a ${name} -l ${SERVICE}:${name} -X ${Buffer.from(value, 'utf8').toString('hex')}\n`;
    if (Buffer.byteLength(line) > MAX_INTERACTIVE_LINE) {
      throw keychainError(
        'USAGE',
        `the credentials for "${name}" are too long for the macOS keychain's security -i (${MAX_INTERACTIVE_LINE}-byte line)`,
        'store long-term keys without a session token',
      );
    }
    const result = await this.#run(['-i'], line);
    // Interactive mode may exit 0 after a failed command: its error text is what tells.
    if (result.status !== 0 || result.stderr.trim() !== '') throw failure(result, `could not store "${name}"`);
  }

  async remove(name: string): Promise<boolean> {
    const result = await this.#run(['delete-generic-password', '-s', SERVICE, '-a', name]);
    if (result.status === ITEM_NOT_FOUND) return false;
    if (result.status !== 0) throw failure(result, `could not remove "${name}"`);
    return true;
  }

  async list(): Promise<string[]> {
    // Attributes only (no -d): nothing is decrypted and no dialog is shown.
    const result = await this.#run(['dump-keychain']);
    if (result.status !== 0) throw failure(result, 'could not list entries');
    return cleanNames(accountsOfService(result.stdout));
  }

  #run(args: readonly string[], input?: string): Promise<ProgramResult> {
    return runProgram(PROGRAM, args, { ...this.#context, missingHint: MISSING_HINT, ...(input === undefined ? {} : { input }) });
  }
}

function failure(result: ProgramResult, what: string): Error {
  const reason = firstLine(result.stderr) || `exit status ${String(result.status)}`;
  if (/interaction is not allowed|locked|user canceled/iu.test(reason)) {
    return keychainError('BACKEND', `${what}: the keychain is locked or access was refused (${reason})`, LOCKED_HINT);
  }
  return keychainError('BACKEND', `${what}: security failed (${reason})`, 'run the same security command in a terminal to see why');
}

/** `security -w` prints a value with non-printable bytes as hex; ours are JSON text, but an edited item may not be. */
function decodePassword(printed: string): string {
  if (printed.length > 0 && printed.length % 2 === 0 && /^[0-9a-f]+$/iu.test(printed)) return Buffer.from(printed, 'hex').toString('utf8');
  return printed;
}

/**
 * Accounts of the generic-password items whose service is ours, from
 * `security dump-keychain` output: one block per item starting with
 * `keychain: "…"`, attributes as `"acct"<blob>="dev"` and `"svce"<blob>="cred-launch"`.
 */
export function accountsOfService(dump: string): string[] {
  const names: string[] = [];
  for (const block of dump.split(/^keychain: /mu)) {
    if (!/^class: "genp"$/mu.test(block)) continue;
    if (!new RegExp(`^\\s*"svce"<blob>="${SERVICE}"$`, 'mu').test(block)) continue;
    const account = /^\s*"acct"<blob>="(.*)"$/mu.exec(block)?.[1];
    if (account !== undefined) names.push(account);
  }
  return names;
}
