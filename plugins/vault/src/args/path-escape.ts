import { dotSegmentIn } from '@cred-launch/core';
import { badEnv, usage } from './errors.js';

const HINT = 'write the path as Vault shows it, without "." or ".." segments (encoded ones included)';

/**
 * Refuses a Vault path, mount or namespace holding a `.` or `..` segment
 * (also percent-encoded): URL parsing would resolve it and the request would
 * leave the mount it names (`--mount secret ../../sys/seal` is `sys/seal`).
 * `what` names the flag or argument; never echoes more than the offending segment.
 */
export function refuseDotSegments(value: string, what: string): void {
  const segment = dotSegmentIn(value);
  if (segment !== undefined) throw usage(`${what} has a "${segment}" segment, which would leave the path it names`, HINT);
}

/** The same check for a value that came from an environment variable (CONFIG: fixed in the environment). */
export function refuseDotSegmentsInEnv(value: string, name: string): void {
  const segment = dotSegmentIn(value);
  if (segment !== undefined) throw badEnv(name, `has a "${segment}" segment, which would leave the namespace it names`, `fix ${name}: ${HINT}`);
}
