import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new private temporary directory. */
export function tempDir(prefix = 'cred-launch-aws-profiles-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
