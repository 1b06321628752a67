import type { BackendKind } from './backend-kind.js';
import { cleanNames, SERVICE, type BackendContext, type KeychainBackend } from './backend-contract.js';
import { keychainError } from './errors.js';
import { firstLine, runProgram, type ProgramResult } from './run-program.js';

const PROGRAM = 'secret-tool';
const MISSING_HINT = 'install libsecret-tools (Debian/Ubuntu) or libsecret (Fedora, Arch), or choose --backend';
const UNAVAILABLE_HINT = 'start a Secret Service provider (gnome-keyring-daemon, KeePassXC) in this login session, with DBUS_SESSION_BUS_ADDRESS set';
const LOCKED_HINT = 'unlock the keyring (log in to the desktop, or open Passwords and Keys / seahorse) and try again';

/**
 * The freedesktop Secret Service (GNOME Keyring, KWallet, KeePassXC) through
 * libsecret's `secret-tool`: one entry is one item with the attributes
 * `service=cred-launch account=<name>`. The value goes to `secret-tool store`
 * on stdin and comes back from `lookup` on stdout. Why a spawned program and
 * not a D-Bus library in-process: see README.md (start-up measured there).
 */
export class SecretServiceBackend implements KeychainBackend {
  readonly kind: BackendKind = 'secret-service';
  readonly #context: BackendContext;

  constructor(context: BackendContext) {
    this.#context = context;
  }

  async read(name: string): Promise<string | undefined> {
    const result = await this.#run(['lookup', 'service', SERVICE, 'account', name]);
    if (result.status === 0) return result.stdout.replace(/\r?\n$/u, '');
    await this.#explainFailure(result, name, 'read');
    return undefined;
  }

  async write(name: string, value: string): Promise<void> {
    const result = await this.#run(['store', `--label=cred-launch: ${name}`, 'service', SERVICE, 'account', name], value);
    if (result.status !== 0) throw this.#failure(result, `could not store "${name}"`);
  }

  async remove(name: string): Promise<boolean> {
    const result = await this.#run(['clear', 'service', SERVICE, 'account', name]);
    if (result.status === 0) return true;
    await this.#explainFailure(result, name, 'remove');
    return false;
  }

  async list(): Promise<string[]> {
    // `search --all` without --unlock lists locked items too and never opens
    // an unlock dialog. It prints each item's attributes on stderr and the
    // unlocked items' secrets on stdout: stdout is never read here.
    const result = await this.#run(['search', '--all', 'service', SERVICE]);
    if (result.status !== 0 && problemsIn(result.stderr) !== '') throw this.#failure(result, 'could not list entries');
    return cleanNames(accountsIn(result.stderr));
  }

  #run(args: readonly string[], input?: string): Promise<ProgramResult> {
    return runProgram(PROGRAM, args, { ...this.#context, missingHint: MISSING_HINT, ...(input === undefined ? {} : { input }) });
  }

  /**
   * secret-tool exits 1 and prints nothing both when there is no such item
   * and when the item exists but its collection stayed locked (no unlock
   * prompt could be shown). A search, which needs no unlocking, tells the two
   * apart; it returns normally for "not there".
   */
  async #explainFailure(result: ProgramResult, name: string, what: 'read' | 'remove'): Promise<void> {
    if (result.stderr.trim() !== '') throw this.#failure(result, `could not ${what} "${name}"`);
    const search = await this.#run(['search', 'service', SERVICE, 'account', name]);
    if (accountsIn(search.stderr).includes(name)) {
      throw keychainError('BACKEND', `the keyring holding "${name}" is locked`, LOCKED_HINT);
    }
    if (search.status !== 0 && problemsIn(search.stderr) !== '') throw this.#failure(search, `could not ${what} "${name}"`);
  }

  #failure(result: ProgramResult, what: string): Error {
    const reason = firstLine(problemsIn(result.stderr));
    if (/locked/iu.test(reason)) return keychainError('BACKEND', `${what}: the keyring is locked (${reason})`, LOCKED_HINT);
    if (reason === '' || /d-?bus|autolaunch|could not connect|not provided by any|object does not exist|no such interface|name has no owner|connection/iu.test(reason)) {
      return keychainError('CONFIG', `${what}: no Secret Service is reachable${reason === '' ? '' : ` (${reason})`}`, UNAVAILABLE_HINT);
    }
    return keychainError('BACKEND', `${what}: ${PROGRAM} failed (${reason})`, UNAVAILABLE_HINT);
  }
}

/** `secret-tool search` prints item details on stderr: everything else there is an error. */
function problemsIn(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !/^(\[\/|attribute\.|label = |created = |modified = |schema = )/u.test(line))
    .join('\n')
    .trim();
}

/** The `attribute.account = <name>` values of `secret-tool search`'s stderr (where it prints attributes). */
function accountsIn(stderr: string): string[] {
  const names: string[] = [];
  for (const line of stderr.split('\n')) {
    const match = /^attribute\.account = (.*)$/u.exec(line.trimEnd());
    if (match?.[1] !== undefined) names.push(match[1]);
  }
  return names;
}
