/** `cred-launch secrets-manager --help`. */
export const USAGE = `Usage: cred-launch secrets-manager <secret-id> [options]

Reads AWS credentials stored in an AWS Secrets Manager secret (GetSecretValue).
<secret-id> is the secret's name or ARN.

Which secret version:
  --version-stage <label>    staging label (default AWSCURRENT; AWSPENDING/AWSPREVIOUS during rotation)
  --version-id <uuid>        exact version (instead of --version-stage)

Where:
  --region <region>          region of the secret (default: the ARN's region, then AWS_REGION,
                             AWS_DEFAULT_REGION, then the profile's region)

Which credentials call Secrets Manager:
  --source-profile <name>    this profile of the shared config/credentials files
                             (default: the AWS SDK default chain)

How the secret is read (SecretString, or SecretBinary as UTF-8 text):
  JSON object                AccessKeyId/aws_access_key_id/accessKeyId/… in any common spelling
  --json-key <path>          use the nested object at this key (dotted path: a.b.c)
  AWS credentials INI text   [profile] sections with aws_access_key_id/aws_secret_access_key
  --profile <name>           section of an INI secret (default "default")
  --access-key-field <f>     explicit field names, when the secret uses unusual ones
  --secret-key-field <f>
  --session-token-field <f>
  --expiration-field <f>

Environment: AWS_REGION, AWS_DEFAULT_REGION, AWS_PROFILE, AWS_CONFIG_FILE,
AWS_SHARED_CREDENTIALS_FILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN,
AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL, AWS_MAX_ATTEMPTS.

Example (~/.aws/config):
  [profile ci-deployer]
  credential_process = /usr/local/bin/cred-launch secrets-manager prod/ci-deployer --region eu-west-1
`;
