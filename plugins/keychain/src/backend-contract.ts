// What every keychain backend implements and shares; backend.ts picks one.
import type { SourceEnv } from '@cred-launch/core';
import type { BackendKind } from './backend-kind.js';
import { ENTRY_NAME } from './names.js';

/** The service name every entry is stored under (Secret Service attribute, Keychain service, Windows target prefix). */
export const SERVICE = 'cred-launch';

/** What a backend needs to run its program. */
export interface BackendContext {
  /** Environment of the keychain program (PATH, DBUS_SESSION_BUS_ADDRESS, HOME…). */
  env: SourceEnv;
  /** The launcher's time limit: the program is killed when it aborts. */
  signal: AbortSignal;
}

/**
 * One keychain. Values are the stored JSON text; they reach the keychain
 * program on stdin (or its output pipe), never on its command line — except
 * where a backend says otherwise in its own comment.
 */
export interface KeychainBackend {
  readonly kind: BackendKind;
  /** The stored text, or undefined when there is no entry of that name. */
  read(name: string): Promise<string | undefined>;
  /** Creates or replaces the entry. */
  write(name: string, value: string): Promise<void>;
  /** Deletes the entry; false when there was none. */
  remove(name: string): Promise<boolean>;
  /** Names of every entry, sorted; no values are returned. */
  list(): Promise<string[]>;
}

/** Sorted unique names, keeping only valid entry names (an item someone else filed under our service is not listed). */
export function cleanNames(names: Iterable<string>): string[] {
  return [...new Set([...names].filter((name) => ENTRY_NAME.test(name)))].sort((a, b) => a.localeCompare(b));
}
