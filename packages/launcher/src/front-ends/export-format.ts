import { formatExpiration, toCredentialProcessOutput, type AwsCredentials } from '@cred-launch/core';

/** The formats of `cred-launch export`. */
export const EXPORT_FORMATS = ['env', 'fish', 'powershell', 'json', 'ini', 'process'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The variables the SDKs read, in the order they are printed; undefined means "unset it". */
export function credentialVariables(credentials: AwsCredentials): Array<[string, string | undefined]> {
  return [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ['AWS_SESSION_TOKEN', credentials.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', credentials.expiration === undefined ? undefined : formatExpiration(credentials.expiration)],
  ];
}

// POSIX sh: inside single quotes nothing is special but the quote itself.
function shQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

// fish: inside single quotes only \\ and \' are escapes.
function fishQuote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

// PowerShell: inside single quotes a quote is doubled; nothing else is special.
function powershellQuote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function iniValue(value: string): string {
  // The credentials file has no quoting: a value is the rest of the line.
  if (/[\r\n]/u.test(value)) throw new Error('a credential value holds a line break');
  return value;
}

/**
 * Renders credentials for a shell to eval, a credentials-file section, or the
 * credential_process document. Variables a set of credentials lacks (a
 * session token for long-term keys) are unset, so a stale one from an earlier
 * export cannot pair with new keys.
 */
export function formatExport(credentials: AwsCredentials, format: ExportFormat, section = 'default'): string {
  const variables = credentialVariables(credentials);
  switch (format) {
    case 'env':
      return variables.map(([name, value]) => (value === undefined ? `unset ${name}` : `export ${name}=${shQuote(value)}`)).join('\n') + '\n';
    case 'fish':
      return variables.map(([name, value]) => (value === undefined ? `set -e ${name};` : `set -gx ${name} ${fishQuote(value)};`)).join('\n') + '\n';
    case 'powershell':
      return (
        variables.map(([name, value]) => (value === undefined ? `Remove-Item Env:${name} -ErrorAction SilentlyContinue` : `$Env:${name} = ${powershellQuote(value)}`)).join('\n') +
        '\n'
      );
    case 'json':
      return `${JSON.stringify(Object.fromEntries(variables.filter(([, value]) => value !== undefined)))}\n`;
    case 'ini': {
      const lines = [`[${section}]`, `aws_access_key_id = ${iniValue(credentials.accessKeyId)}`, `aws_secret_access_key = ${iniValue(credentials.secretAccessKey)}`];
      if (credentials.sessionToken !== undefined) lines.push(`aws_session_token = ${iniValue(credentials.sessionToken)}`);
      return `${lines.join('\n')}\n`;
    }
    case 'process':
      return `${JSON.stringify(toCredentialProcessOutput(credentials))}\n`;
  }
}
