import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromProcess } from '@aws-sdk/credential-providers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatCredentialProcess, quoteArgument, withAwsProfile, writeAwsConfig } from '../src/index.js';

const printer = fileURLToPath(new URL('./fixtures/dir with space/print-credentials.mjs', import.meta.url));
const awkward = ['--flag', "it's a test", 'dollar $HOME `x` "q"', 'semi;colon', '#hash', '', 'back\\slash', 'tab\there'];

function hasBotocore(): boolean {
  return spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('quoteArgument', () => {
  it('leaves plain words bare and quotes the rest', () => {
    expect(quoteArgument('/usr/bin/node')).toBe('/usr/bin/node');
    expect(quoteArgument('secret/aws/dev')).toBe('secret/aws/dev');
    expect(quoteArgument('a b')).toBe("'a b'");
    expect(quoteArgument("it's")).toBe("'it'\\''s'");
    expect(quoteArgument('')).toBe("''");
  });

  it('round-trips through sh -c (JS and Go SDKs) exactly', () => {
    const line = formatCredentialProcess(['printf', '%s\\n', ...awkward]);
    const output = execFileSync('sh', ['-c', line], { encoding: 'utf8' });
    expect(output.split('\n').slice(0, -1)).toEqual(awkward);
  });

  it.skipIf(spawnSync('python3', ['--version']).status !== 0)('round-trips through shlex.split (botocore) exactly', () => {
    const line = formatCredentialProcess(awkward);
    const output = execFileSync('python3', ['-c', 'import json, shlex, sys; print(json.dumps(shlex.split(sys.argv[1])))', line], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual(awkward);
  });

  it('refuses what no config line can carry', () => {
    expect(() => quoteArgument('two\nlines')).toThrow(/line breaks/);
    expect(() => quoteArgument('a #comment')).toThrow(/JS SDK/);
    expect(() => quoteArgument('a ;comment')).toThrow(/JS SDK/);
  });
});

describe('writeAwsConfig', () => {
  it('writes a profile with a quoted credential_process, an empty credentials file and the env to use them', () => {
    const config = writeAwsConfig({ profile: 'dev', command: ['/opt/cred launch', 'vault', 'secret/aws/dev'] });
    try {
      expect(readFileSync(config.configFile, 'utf8')).toBe("[profile dev]\ncredential_process = '/opt/cred launch' vault secret/aws/dev\nregion = us-east-1\n");
      expect(readFileSync(config.credentialsFile, 'utf8')).toBe('');
      expect(config.env).toMatchObject({ AWS_CONFIG_FILE: config.configFile, AWS_SHARED_CREDENTIALS_FILE: config.credentialsFile, AWS_PROFILE: 'dev' });
      expect(config.env.AWS_ACCESS_KEY_ID).toBeUndefined();
      expect('AWS_ACCESS_KEY_ID' in config.env).toBe(true);
    } finally {
      config.cleanup();
    }
  });

  it('writes the default profile as [default]', () => {
    const config = writeAwsConfig({ profile: 'default', command: 'x' });
    try {
      expect(readFileSync(config.configFile, 'utf8')).toMatch(/^\[default\]\n/u);
    } finally {
      config.cleanup();
    }
  });

  it('is read back by the AWS SDK for JavaScript, arguments intact', async () => {
    vi.stubEnv('EXPECTED_ARGS', JSON.stringify(awkward));
    const credentials = await withAwsProfile({ command: [process.execPath, printer, ...awkward] }, (config) =>
      fromProcess({ profile: config.profile, filepath: config.credentialsFile, configFilepath: config.configFile })(),
    );
    expect(credentials.accessKeyId).toBe('AKIAQUOTINGWORKS0001');
  });

  it.skipIf(!hasBotocore())('is read back by botocore (the AWS CLI), arguments intact', async () => {
    const accessKeyId = await withAwsProfile({ command: [process.execPath, printer, ...awkward] }, (config) =>
      execFileSync('python3', ['-c', 'import botocore.session; print(botocore.session.Session().get_credentials().access_key)'], {
        encoding: 'utf8',
        env: { ...process.env, ...config.env, EXPECTED_ARGS: JSON.stringify(awkward) },
      }),
    );
    expect(accessKeyId.trim()).toBe('AKIAQUOTINGWORKS0001');
  });

  it('withAwsProfile removes its files afterwards, even when the callback throws', async () => {
    let dir = '';
    await expect(
      withAwsProfile({ command: 'x' }, (config) => {
        dir = config.dir;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(() => readFileSync(`${dir}/config`)).toThrow(/ENOENT/);
  });
});
