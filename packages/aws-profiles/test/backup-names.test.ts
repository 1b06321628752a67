import { describe, expect, test } from 'vitest';
import { isBackupName } from '../src/atomic-write.js';

describe('isBackupName', () => {
  test('matches the names writeFileAtomically gives, for that file only', () => {
    expect(isBackupName('credentials.20300102T030405Z.bak', 'credentials')).toBe(true);
    expect(isBackupName('credentials.20300102T030405Z-3.bak', 'credentials')).toBe(true);
    expect(isBackupName('config.20300102T030405Z.bak', 'credentials')).toBe(false);
    expect(isBackupName('credentials.bak', 'credentials')).toBe(false);
    expect(isBackupName('credentials.cred-launch.lock', 'credentials')).toBe(false);
  });
});
