import { describe, expect, test } from 'vitest';
import { CredentialError } from '@cred-launch/core';
import { cacheProblemLine } from '../src/cache/cache-problem.js';

describe('cacheProblemLine', () => {
  test('one line naming the directory and what to do, from an errno code or a lock error cause', () => {
    const full = cacheProblemLine('/run/user/1/cred-launch', Object.assign(new Error('x'), { code: 'ENOSPC' }));
    expect(full).toBe(
      'cred-launch: warning: credentials not cached: cannot use the cache in /run/user/1/cred-launch (free space there); set CRED_LAUNCH_CACHE_DIR elsewhere or pass --no-cache\n',
    );
    const lock = new CredentialError('CONFIG', 'cannot lock the cache in /c (EROFS)', { cause: Object.assign(new Error('ro'), { code: 'EROFS' }) });
    expect(cacheProblemLine('/c', lock)).toContain('(it is read-only)');
  });

  test('a directory refusal keeps only its reason, not the directory twice', () => {
    const refusal = new CredentialError('CONFIG', 'refusing to use cache directory /c: it is a symbolic link');
    expect(cacheProblemLine('/c', refusal)).toContain('cannot use the cache in /c (it is a symbolic link);');
  });

  test('terminal escapes and newlines in the directory name are defanged: still one line', () => {
    const line = cacheProblemLine('/tmp/\u001b[2Jevil\nsecond', Object.assign(new Error('x'), { code: 'EACCES' }));
    expect(line).not.toContain('\u001b');
    expect(line.trimEnd().split('\n')).toHaveLength(1);
  });
});
