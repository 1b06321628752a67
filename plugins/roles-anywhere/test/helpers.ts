import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRolesAnywhere, createTestPki, startAwsTestServer, type AwsTestServer, type RolesAnywhereService, type TestPki } from '@cred-launch/aws-test-server';
import { runCredentialSource, SecretRedactor, type SourceCredentials } from '@cred-launch/core';
import source from '../src/index.js';

/** A secret access key the test service hands out: it must never show up in any message. */
export const CANARY = 'CANARYrolesAnywhereSecret/never+print0123';
export const FIXED = { accessKeyId: 'ASIAROLESANYWHERE001', secretAccessKey: CANARY, sessionToken: 'CANARYsessionToken-rolesanywhere-0000000000000000' };

export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012';
export const TRUST_ANCHOR_ARN = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/11111111-2222-3333-4444-555555555555`;
export const PROFILE_ARN = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/66666666-7777-8888-9999-000000000000`;
export const SHORT_PROFILE_ARN = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/short-sessions`;
export const MISSING_PROFILE_ARN = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/does-not-exist`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/roles-anywhere-test`;
export const OTHER_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/not-in-the-profile`;

/** The local Roles Anywhere test server (not AWS) and the openssl-made PKI it trusts. */
export interface Backend {
  dir: string;
  pki: TestPki;
  server: AwsTestServer;
  service: RolesAnywhereService;
  /** The CreateSession requests received so far. */
  requestCount: () => number;
  close: () => Promise<void>;
}

/**
 * Starts the aws-test-server with the CreateSession service trusting the
 * test PKI's root CA. `fixed`: answer the canary credentials (else random
 * keys per session, so a cached answer is recognisable).
 */
export async function startBackend(options: { fixed?: boolean } = {}): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'cred-launch-ra-'));
  chmodSync(dir, 0o700);
  const pki = createTestPki(dir);
  const service = createRolesAnywhere({
    trustAnchors: [{ arn: TRUST_ANCHOR_ARN, caCertificates: readFileSync(pki.rootCa, 'utf8') }],
    profiles: [
      { arn: PROFILE_ARN, roleArns: [ROLE_ARN] },
      { arn: SHORT_PROFILE_ARN, roleArns: [ROLE_ARN], maxDurationSeconds: 1800 },
    ],
    ...(options.fixed === false ? {} : { fixedCredentials: FIXED }),
  });
  const server = await startAwsTestServer({ keys: [], services: [service] });
  return {
    dir,
    pki,
    server,
    service,
    requestCount: () => server.requests.filter((request) => request.operation === 'CreateSession').length,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The plugin's argv for a certificate and key, against `endpoint`. */
export function argvFor(endpoint: string, certificate: string, privateKey: string, extra: string[] = []): string[] {
  return [
    '--certificate',
    certificate,
    '--private-key',
    privateKey,
    '--trust-anchor-arn',
    TRUST_ANCHOR_ARN,
    '--profile-arn',
    PROFILE_ARN,
    '--role-arn',
    ROLE_ARN,
    '--endpoint',
    endpoint,
    ...extra,
  ];
}

/** What {@link resolve} returns: credentials, or the error and the redactor that saw the run. */
export interface Resolution {
  credentials?: SourceCredentials;
  error?: { code: string; message: string; hint: string | undefined };
  redactor: SecretRedactor;
}

/** Runs the plugin as the launcher does (parse, fetch, validate), capturing any error. */
export async function resolve(argv: string[], env: Record<string, string> = {}, now?: Date): Promise<Resolution> {
  const redactor = new SecretRedactor();
  try {
    const credentials = await runCredentialSource(source, argv, {
      env,
      cwd: process.cwd(),
      homedir: '/nonexistent-home',
      redactor,
      ...(now === undefined ? {} : { now: () => now }),
    });
    return { credentials, redactor };
  } catch (error) {
    const e = error as { code: string; message: string; hint?: string };
    return { error: { code: e.code, message: e.message, hint: e.hint }, redactor };
  }
}
