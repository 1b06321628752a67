import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretSink, SourceStateStore } from '@cred-launch/core';
import { ensureCacheDirectory } from './cache-dir.js';
import { readPrivateFile, writePrivateFile } from './private-file.js';
import { sha256Hex } from '@cred-launch/core';

const STATE_FORMAT = 'cred-launch-state/1';
const MAX_STATE_BYTES = 64 * 1024;

interface StateFile {
  format: typeof STATE_FORMAT;
  expiresAt: number;
  value: string;
}

/**
 * A plugin's values kept between calls (e.g. a Vault login token within its
 * lease): one 0600 file per key, `state-<sha256>.json`, in the cache
 * directory, with the same safety rules as credential entries. The file name
 * hashes the plugin's identity with its key, so plugins never share values.
 * Every value read back is registered as a secret.
 */
export class FileStateStore implements SourceStateStore {
  readonly #dir: string;
  readonly #plugin: string;
  readonly #secrets: SecretSink;
  readonly #now: () => Date;

  constructor(options: { dir: string; plugin: string; secrets: SecretSink; now?: () => Date }) {
    this.#dir = options.dir;
    this.#plugin = options.plugin;
    this.#secrets = options.secrets;
    this.#now = options.now ?? (() => new Date());
  }

  #path(key: string): string {
    return join(this.#dir, `state-${sha256Hex(`${this.#plugin}\u0000${key}`)}.json`);
  }

  get(key: string): string | undefined {
    try {
      if (!ensureCacheDirectory(this.#dir, false)) return undefined;
    } catch {
      return undefined;
    }
    const text = readPrivateFile(this.#path(key), MAX_STATE_BYTES);
    if (text === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const state = parsed as Partial<StateFile>;
    if (state.format !== STATE_FORMAT || typeof state.value !== 'string' || typeof state.expiresAt !== 'number') return undefined;
    if (state.expiresAt <= this.#now().getTime()) return undefined;
    this.#secrets.add(state.value);
    return state.value;
  }

  set(key: string, value: string, expiresAt: Date): void {
    this.#secrets.add(value);
    if (expiresAt.getTime() <= this.#now().getTime()) return;
    const state: StateFile = { format: STATE_FORMAT, expiresAt: expiresAt.getTime(), value };
    try {
      ensureCacheDirectory(this.#dir, true);
      writePrivateFile(this.#path(key), JSON.stringify(state));
    } catch {
      // Kept values only save work (a login per call instead of per lease);
      // an unusable cache must not fail the plugin. The credential entry's
      // own write reports the cache problem, once.
    }
  }

  delete(key: string): void {
    rmSync(this.#path(key), { force: true });
  }
}
