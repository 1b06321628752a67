/** The parts of a Secrets Manager ARN that matter here. */
export interface SecretArn {
  partition: string;
  region: string;
  accountId: string;
  /** The secret name, possibly still carrying AWS's `-XXXXXX` suffix. */
  resource: string;
}

const SECRET_ARN = /^arn:([a-z][a-z0-9-]*):secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/u;

/** True when a secret id is written as an ARN (rather than a name). */
export function looksLikeArn(secretId: string): boolean {
  return secretId.startsWith('arn:');
}

/** Parses `arn:aws:secretsmanager:<region>:<account>:secret:<name>`; undefined when it is not one. */
export function parseSecretArn(secretId: string): SecretArn | undefined {
  const match = SECRET_ARN.exec(secretId);
  if (!match) return undefined;
  return { partition: match[1]!, region: match[2]!, accountId: match[3]!, resource: match[4]! };
}
