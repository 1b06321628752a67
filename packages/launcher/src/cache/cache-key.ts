import { sha256Hex } from '@cred-launch/core';

/** What identifies one answer: the same inputs must give the same credentials. */
export interface CacheKeyInput {
  /** Package name or absolute module path of the plugin. */
  plugin: string;
  /** The plugin's arguments, verbatim. */
  args: readonly string[];
  /** Values of the environment variables the plugin declared in `cacheEnv`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Launcher options that change the answer (STS role, MFA serial…). */
  launcher: Readonly<Record<string, unknown>>;
}

/**
 * A SHA-256 of the inputs. Only the hash is ever written to disk, so a cache
 * file name reveals nothing about the secret path or the env values.
 */
export function cacheKey(input: CacheKeyInput): string {
  const env = Object.keys(input.env)
    .sort()
    .map((name) => [name, input.env[name] ?? null]);
  const launcher = Object.keys(input.launcher)
    .sort()
    .filter((name) => input.launcher[name] !== undefined)
    .map((name) => [name, input.launcher[name]]);
  const material = JSON.stringify({ v: 1, plugin: input.plugin, args: input.args, env, launcher, uid: process.getuid?.() ?? null });
  return sha256Hex(material);
}
