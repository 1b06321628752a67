import { resolveUserPath } from '@cred-launch/aws-profiles';
import type { SourceContext, SourceCredentials } from '@cred-launch/core';
import { checkSigningMaterial, validity } from './certificate-checks.js';
import { resolveTarget } from './endpoint.js';
import { rolesAnywhereError } from './errors.js';
import { AbortedError, postSigned } from './http-post.js';
import type { RolesAnywhereOptions } from './options.js';
import { credentialsFromAnswer } from './session-answer.js';
import { serialNumberDecimal, signCreateSession } from './sign-request.js';
import { loadSigningMaterial } from './signing-material.js';

/** A path as the user wrote it: `~/` is the home directory, a relative path is taken from the working directory. */
function absolutePath(path: string, context: SourceContext<RolesAnywhereOptions>): string {
  return resolveUserPath(path, context.cwd, context.homedir);
}

/**
 * Reads the certificate and key, refuses what the service would refuse
 * (dates, key mismatch) before any request, signs CreateSession with the
 * certificate's key and turns the answer into credentials with an
 * Expiration — which the launcher caches, so many parallel callers make one
 * request (CreateSession is rate-limited per account).
 */
export async function getRolesAnywhereCredentials(context: SourceContext<RolesAnywhereOptions>): Promise<SourceCredentials> {
  const { args } = context;
  const paths = {
    certificate: absolutePath(args.certificate, context),
    privateKey: absolutePath(args.privateKey, context),
    ...(args.privateKeyPassphraseFile === undefined ? {} : { passphraseFile: absolutePath(args.privateKeyPassphraseFile, context) }),
    ...(args.intermediates === undefined ? {} : { intermediates: absolutePath(args.intermediates, context) }),
  };
  const target = resolveTarget(
    {
      ...(args.region === undefined ? {} : { region: args.region }),
      ...(args.endpoint === undefined ? {} : { endpoint: args.endpoint }),
      trustAnchorRegion: args.trustAnchor.region,
      partition: args.trustAnchor.partition,
    },
    context.env,
  );
  const material = await loadSigningMaterial(paths, context.secrets);
  const now = context.now();
  checkSigningMaterial(material, paths, now);
  const { notAfter } = validity(material.certificate);
  context.log(
    `roles-anywhere: certificate serial ${serialNumberDecimal(material.certificate.serialNumber)} (valid to ${notAfter.toISOString()}), ${material.algorithm}, ${material.chain.length} intermediate(s); region ${target.region} from ${target.regionOrigin}; endpoint ${target.endpoint}`,
  );

  const body = JSON.stringify({ durationSeconds: args.sessionDurationSeconds, ...(args.roleSessionName === undefined ? {} : { roleSessionName: args.roleSessionName }) });
  const request = signCreateSession({
    endpoint: target.endpoint,
    region: target.region,
    query: { profileArn: args.profileArn, roleArn: args.roleArn, trustAnchorArn: args.trustAnchorArn },
    body,
    material,
    now,
  });
  const description = { endpoint: target.endpoint, region: target.region, profileArn: args.profileArn, roleArn: args.roleArn, trustAnchorArn: args.trustAnchorArn };
  let answer;
  try {
    answer = await postSigned(request, context.signal);
  } catch (error) {
    if (error instanceof AbortedError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
    throw rolesAnywhereError('BACKEND', `cannot reach ${target.endpoint} (${code})`, 'check the network, proxy, --region and --endpoint', error);
  }
  return credentialsFromAnswer(answer, description, context.secrets);
}
