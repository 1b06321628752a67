import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeFileAtomically } from '../src/atomic-write.js';
import { AwsConfigFile } from '../src/config-file-editor.js';
import { readAwsProfiles } from '../src/read-profiles.js';
import { tempDir } from './helpers/temp-dir.js';

const PROFILE_DEV = ['profile dev'];

describe('AwsConfigFile: line-preserving edits', () => {
  test('an untouched file serialises byte for byte (CRLF, LF mix, BOM, no final newline)', () => {
    for (const text of ['', '\n', '\uFEFF[default]\r\nregion = x\r\n', '# c\n[a]\r\nk=v\n\n  indented = 1', '[x]\nk = v # not a comment for botocore']) {
      expect(AwsConfigFile.parse(text).toString()).toBe(text);
    }
  });

  test('replaces an existing value in place and keeps everything around it', () => {
    const text = [
      '# Top comment',
      '[default]',
      'region = eu-west-1',
      '',
      '; the dev profile',
      '[profile dev]',
      'region = us-east-1',
      'credential_process = /old/helper --x',
      'output = json',
      '',
      '[profile other]',
      'credential_process = /other/helper',
      '',
    ].join('\r\n');
    const file = AwsConfigFile.parse(text);
    expect(file.setKey(PROFILE_DEV, 'profile dev', 'credential_process', '/new "a b"')).toEqual({ previous: '/old/helper --x' });
    expect(file.toString()).toBe(text.replace('credential_process = /old/helper --x', 'credential_process = /new "a b"'));
  });

  test('adds the key after the last setting of the section, before comments that belong to the next one', () => {
    const text = '[profile dev]\nregion = x\ns3 =\n  addressing_style = path\n\n# next section\n[profile b]\nk = v\n';
    const file = AwsConfigFile.parse(text);
    file.setKey(PROFILE_DEV, 'profile dev', 'credential_process', '/bin/x');
    expect(file.toString()).toBe('[profile dev]\nregion = x\ns3 =\n  addressing_style = path\ncredential_process = /bin/x\n\n# next section\n[profile b]\nk = v\n');
  });

  test("appends a missing section after a blank line, with the file's own line ending", () => {
    const crlf = AwsConfigFile.parse('[default]\r\nregion = x');
    crlf.setKey(PROFILE_DEV, 'profile dev', 'credential_process', '/bin/x');
    expect(crlf.toString()).toBe('[default]\r\nregion = x\r\n\r\n[profile dev]\r\ncredential_process = /bin/x\r\n');
    const empty = AwsConfigFile.parse('');
    empty.setKey(['default', 'profile default'], 'default', 'credential_process', '/bin/x');
    expect(empty.toString()).toMatch(/^\[default\]\r?\ncredential_process = \/bin\/x\r?\n$/u);
  });

  test('[default] is found as [default] or [profile default], and a header may carry a comment', () => {
    const file = AwsConfigFile.parse('[profile default] # mine\nregion = x\n');
    file.setKey(['default', 'profile default'], 'default', 'credential_process', '/bin/x');
    expect(file.toString()).toBe('[profile default] # mine\nregion = x\ncredential_process = /bin/x\n');
  });

  test('drops duplicate keys (botocore refuses a file with a key twice)', () => {
    const file = AwsConfigFile.parse('[profile dev]\ncredential_process = a\nregion = x\nCredential_Process = b\n');
    file.setKey(PROFILE_DEV, 'profile dev', 'credential_process', 'c');
    expect(file.toString()).toBe('[profile dev]\ncredential_process = c\nregion = x\n');
  });

  test('removes keys (and only those) and reports their names', () => {
    const text = '[dev]\r\naws_access_key_id = AKIA\r\n# keep me\r\naws_secret_access_key = s\r\nregion = x\r\n[prod]\r\naws_access_key_id = AKIB\r\n';
    const file = AwsConfigFile.parse(text);
    expect(file.removeKeys(['dev'], ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'])).toEqual(['aws_access_key_id', 'aws_secret_access_key']);
    expect(file.toString()).toBe('[dev]\r\n# keep me\r\nregion = x\r\n[prod]\r\naws_access_key_id = AKIB\r\n');
    const last = AwsConfigFile.parse('[dev]\naws_access_key_id = AKIA');
    last.removeKeys(['dev'], ['aws_access_key_id']);
    expect(last.toString()).toBe('[dev]');
  });

  test('entries() gives both SDK views of a value', () => {
    const [entry] = AwsConfigFile.parse('[profile a]\ncredential_process = /bin/x --y # note\n').entries();
    expect(entry).toMatchObject({ section: 'profile a', key: 'credential_process', value: '/bin/x --y # note', jsValue: '/bin/x --y', line: 2 });
  });
});

describe('readAwsProfiles', () => {
  test('merges the two files like the SDKs and reports what botocore refuses', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config'), '[default]\nregion = x\n[profile dev]\ncredential_process = /a\n[profile dev]\nregion = y\n[sso-session s]\nsso_region = x\n');
    writeFileSync(join(dir, 'credentials'), '[dev]\naws_access_key_id = AKIA\naws_access_key_id = AKIB\n');
    const files = readAwsProfiles({ configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials'), configFileOverridden: false });
    expect([...files.profiles.keys()].sort()).toEqual(['default', 'dev']);
    expect(files.profiles.get('dev')?.config.get('credential_process')?.value).toBe('/a');
    expect(files.profiles.get('dev')?.credentials.has('aws_access_key_id')).toBe(true);
    expect(files.problems.map((problem) => problem.message).join('\n')).toMatch(/\[profile dev\] appears twice[\s\S]*aws_access_key_id appears twice/u);
  });
});

describe('writeFileAtomically', () => {
  test('keeps the mode, leaves a backup with the old content, and no temp files', () => {
    const dir = tempDir();
    const path = join(dir, 'config');
    writeFileSync(path, 'old\r\n');
    chmodSync(path, 0o640);
    const result = writeFileAtomically(path, 'new\r\n', new Date('2030-01-02T03:04:05Z'));
    expect(readFileSync(path, 'utf8')).toBe('new\r\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(result.backup).toBe(join(dir, 'config.20300102T030405Z.bak'));
    expect(readFileSync(result.backup as string, 'utf8')).toBe('old\r\n');
    // Backups are 0600 whatever the file's mode: they may hold keys --remove-static-keys took out.
    expect(statSync(result.backup as string).mode & 0o777).toBe(0o600);
    const second = writeFileAtomically(path, 'newer', new Date('2030-01-02T03:04:05Z'));
    expect(second.backup).toBe(join(dir, 'config.20300102T030405Z-1.bak'));
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('creates a missing file 0600 in a new 0700 directory', () => {
    const dir = join(tempDir(), '.aws');
    const result = writeFileAtomically(join(dir, 'config'), 'x\n');
    expect(result).toMatchObject({ created: true, backup: undefined });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'config')).mode & 0o777).toBe(0o600);
  });

  test('writes through a symbolic link, which stays a link', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'dotfiles'));
    writeFileSync(join(dir, 'dotfiles', 'aws-config'), 'old\n');
    symlinkSync(join(dir, 'dotfiles', 'aws-config'), join(dir, 'config'));
    writeFileAtomically(join(dir, 'config'), 'new\n');
    expect(lstatSync(join(dir, 'config')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'dotfiles', 'aws-config'), 'utf8')).toBe('new\n');
    // The backup sits beside the real file, not beside the link.
    expect(readdirSync(join(dir, 'dotfiles')).filter((name) => name.endsWith('.bak'))).toHaveLength(1);
    expect(readdirSync(dir).filter((name) => name.endsWith('.bak'))).toEqual([]);
  });
});
