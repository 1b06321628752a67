import type { BackendKind } from './backend-kind.js';
import { cleanNames, SERVICE, type BackendContext, type KeychainBackend } from './backend-contract.js';
import { keychainError } from './errors.js';
import { firstLine, runProgram, type ProgramResult } from './run-program.js';
import { encodedWindowsScript } from './windows-script.js';

const PROGRAM = 'powershell.exe';
const MISSING_HINT = 'Windows PowerShell (powershell.exe) ships with Windows; check PATH, or choose --backend';
/** The script's exit status for "no such entry". */
const NOT_FOUND = 2;
/** CRED_MAX_CREDENTIAL_BLOB_SIZE: 5 × 512 bytes. */
export const MAX_BLOB_BYTES = 2560;
/** Target-name prefix of our entries: `cred-launch:<name>`. */
const PREFIX = `${SERVICE}:`;

/** The fixed command line: options and the constant script, nothing else. */
export const POWERSHELL_ARGS: readonly string[] = ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodedWindowsScript()];

/**
 * The Windows Credential Manager: one entry is a generic credential with
 * target `cred-launch:<name>`, user `<name>`, persisted for this user on
 * this machine, its blob the UTF-8 JSON. Every call runs the constant
 * script in windows-script.ts with a JSON request on stdin.
 */
export class WindowsCredentialBackend implements KeychainBackend {
  readonly kind: BackendKind = 'windows';
  readonly #context: BackendContext;

  constructor(context: BackendContext) {
    this.#context = context;
  }

  async read(name: string): Promise<string | undefined> {
    const result = await this.#call({ op: 'read', target: PREFIX + name });
    if (result.status === NOT_FOUND) return undefined;
    if (result.status !== 0) throw failure(result, `could not read "${name}"`);
    return result.stdout;
  }

  async write(name: string, value: string): Promise<void> {
    if (Buffer.byteLength(value) > MAX_BLOB_BYTES) {
      throw keychainError(
        'USAGE',
        `the credentials for "${name}" are larger than the Credential Manager's ${MAX_BLOB_BYTES}-byte limit`,
        'store long-term keys without a session token',
      );
    }
    const result = await this.#call({ op: 'write', target: PREFIX + name, user: name, value });
    if (result.status !== 0) throw failure(result, `could not store "${name}"`);
  }

  async remove(name: string): Promise<boolean> {
    const result = await this.#call({ op: 'remove', target: PREFIX + name });
    if (result.status === NOT_FOUND) return false;
    if (result.status !== 0) throw failure(result, `could not remove "${name}"`);
    return true;
  }

  async list(): Promise<string[]> {
    const result = await this.#call({ op: 'list', filter: `${PREFIX}*` });
    if (result.status !== 0) throw failure(result, 'could not list entries');
    const targets = result.stdout.split(/\r?\n/u).filter((line) => line.startsWith(PREFIX));
    return cleanNames(targets.map((target) => target.slice(PREFIX.length)));
  }

  #call(request: Record<string, string>): Promise<ProgramResult> {
    return runProgram(PROGRAM, POWERSHELL_ARGS, { ...this.#context, missingHint: MISSING_HINT, input: `${JSON.stringify(request)}\n` });
  }
}

function failure(result: ProgramResult, what: string): Error {
  const reason = firstLine(result.stderr) || `exit status ${String(result.status)}`;
  return keychainError(
    'BACKEND',
    `${what}: the Credential Manager refused (${reason})`,
    'check the Windows user profile is loaded (a service account may have none), or run in an interactive session',
  );
}
