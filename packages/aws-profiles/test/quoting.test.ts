import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { isCredentialError } from '@cred-launch/core';
import { expandHome } from '../src/home.js';
import { checkElement, formatCredentialProcess, needsQuotes } from '../src/quoting.js';
import { splitPosix, splitWindows } from '../src/split.js';

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isCredentialError(error, 'USAGE')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a USAGE error');
}

describe("AWS's quoting rules", () => {
  test('quotes only the elements that contain spaces (path and arguments separately)', () => {
    const line = formatCredentialProcess(['/Users/Dave/path to/credentials.sh', 'parameterWithoutSpaces', 'parameter with spaces'], 'posix');
    // A quoted executable goes behind /usr/bin/env: the Go SDK's INI parser cuts a value that starts with a quote.
    expect(line).toBe('/usr/bin/env "/Users/Dave/path to/credentials.sh" parameterWithoutSpaces "parameter with spaces"');
  });

  test('an executable that needs no quotes is not put behind env', () => {
    expect(formatCredentialProcess(['/usr/bin/node', 'a b'], 'posix')).toBe('/usr/bin/node "a b"');
    expect(formatCredentialProcess(['C:\\Program Files\\nodejs\\node.exe', 'x'], 'win32').startsWith('"')).toBe(true);
  });

  test('leaves ordinary paths, names, flags and references bare', () => {
    const argv = [
      '/usr/bin/node',
      '/usr/lib/node_modules/cred-launch/bin/cred-launch.js',
      '--timeout',
      '10s',
      'vault',
      'secret/aws/dev',
      '--field=access_key',
      'op://Private/AWS dev/key',
      'arn:aws:iam::123456789012:role/x+y@z,w',
    ];
    expect(formatCredentialProcess(argv, 'posix')).toBe(
      '/usr/bin/node /usr/lib/node_modules/cred-launch/bin/cred-launch.js --timeout 10s vault secret/aws/dev --field=access_key "op://Private/AWS dev/key" arn:aws:iam::123456789012:role/x+y@z,w',
    );
  });

  test('quotes characters a shell would interpret, so sh and shlex both read them literally', () => {
    for (const element of ["it's", 'a|b', 'a&b', 'a;b', '#tag', 'x*', 'a?', '[x]', '{a,b}', '(x)', '<in>', 'wow!', 'a~b']) {
      expect(needsQuotes(element, 'posix'), element).toBe(true);
    }
    expect(formatCredentialProcess(['echo', ''], 'posix')).toBe('echo ""');
  });

  test.each([
    ['a "quoted" word', /double quote/u],
    ['$HOME/creds', /\$ or `/u],
    ['${HOME}', /\$ or `/u],
    ['`id`', /\$ or `/u],
    ['%USERPROFILE%\\x', /%VARIABLE%/u],
    ['C:\\path', /backslash/u],
    ['~/creds', /expand ~/u],
    ['a #comment', /JS SDK/u],
    ['a ;b', /JS SDK/u],
    ['two\nlines', /control character/u],
    ['tab\there', /control character/u],
  ])('refuses %j with a clear USAGE error', (element, reason) => {
    expect(usageMessage(() => formatCredentialProcess(['/bin/tool', element], 'posix'))).toMatch(reason);
  });

  test('on Windows backslashes are path separators, but not before a closing quote', () => {
    expect(formatCredentialProcess(['C:\\Path\\To\\credentials.cmd', 'parameterWithoutSpaces', 'parameter with spaces'], 'win32')).toBe(
      'C:\\Path\\To\\credentials.cmd parameterWithoutSpaces "parameter with spaces"',
    );
    expect(formatCredentialProcess(['C:\\Program Files\\nodejs\\node.exe'], 'win32')).toBe('"C:\\Program Files\\nodejs\\node.exe"');
    expect(usageMessage(() => checkElement('C:\\dir with space\\', 'win32'))).toMatch(/escape its closing quote/u);
  });
});

describe('splitting a line the way botocore does', () => {
  test('POSIX: shlex.split semantics', () => {
    expect(splitPosix('"/a b/c" x "y z" a#b')).toEqual(['/a b/c', 'x', 'y z', 'a#b']);
    expect(splitPosix('a "" b')).toEqual(['a', '', 'b']);
    expect(splitPosix('a"b c"d')).toEqual(['ab cd']);
    expect(splitPosix("'a b' c")).toEqual(['a b', 'c']);
    expect(splitPosix('x\\ y "q\\"r" "s\\t"')).toEqual(['x y', 'q"r', 's\\t']);
    expect(() => splitPosix('"unclosed')).toThrow(/No closing quotation/u);
    expect(() => splitPosix('trailing\\')).toThrow(/No escaped character/u);
  });

  test('Windows: the C runtime rules botocore ports', () => {
    expect(splitWindows('"C:\\Path To\\x.cmd" a "b c"')).toEqual(['C:\\Path To\\x.cmd', 'a', 'b c']);
    expect(splitWindows('a\\\\"b c" d')).toEqual(['a\\b c', 'd']);
    expect(splitWindows('a\\"b')).toEqual(['a"b']);
    expect(splitWindows('x ""')).toEqual(['x', '']);
  });

  const awkward = ['/tmp/dir with spaces/cred-launch.js', 'plain', 'with spaces', "it's", 'a|b&c;d', '#hash', '', 'ünïcödé', 'x*?[y]', '(paren)'];

  /** What a consumer splits our line into: the argv, behind /usr/bin/env when its executable needs quotes. */
  const expectedArgv = (argv: string[]): string[] => (needsQuotes(argv[0]!, 'posix') ? ['/usr/bin/env', ...argv] : argv);

  test('every line we write splits back to the same argv (our splitter)', () => {
    const line = formatCredentialProcess(awkward, 'posix');
    expect(splitPosix(line)).toEqual(expectedArgv(awkward));
  });

  const hasPython = spawnSync('python3', ['-c', 'import shlex'], { stdio: 'ignore' }).status === 0;
  test.skipIf(!hasPython)("every line we write splits back to the same argv (Python's shlex, as botocore)", () => {
    const line = formatCredentialProcess(awkward, 'posix');
    const result = spawnSync('python3', ['-c', 'import json, shlex, sys; print(json.dumps(shlex.split(sys.argv[1])))', line], { encoding: 'utf8' });
    expect(JSON.parse(result.stdout)).toEqual(expectedArgv(awkward));
  });

  test('every line we write means the same to sh -c (as the JS and Go SDKs run it)', () => {
    const args = awkward.slice(1);
    const line = formatCredentialProcess([process.execPath, '-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...args], 'posix');
    const result = spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8' });
    expect(JSON.parse(result.stdout)).toEqual(args);
  });
});

describe('~ expansion', () => {
  test('expands ~ and ~/ at the start and after --flag=', () => {
    expect(expandHome('~', '/home/me')).toEqual({ value: '/home/me', expanded: true });
    expect(expandHome('~/creds.age', '/home/me')).toEqual({ value: '/home/me/creds.age', expanded: true });
    expect(expandHome('--identity=~/.age/key.txt', '/home/me')).toEqual({ value: '--identity=/home/me/.age/key.txt', expanded: true });
    expect(expandHome('a~b', '/home/me')).toEqual({ value: 'a~b', expanded: false });
  });

  test('refuses ~user', () => {
    expect(usageMessage(() => expandHome('~alice/creds', '/home/me'))).toMatch(/only ~ and ~\//u);
  });
});
