/** `cred-launch vault --help`. */
export const USAGE = `Usage: cred-launch vault [options] <path>

AWS credentials from HashiCorp Vault: a KV v1/v2 secret, or freshly minted
credentials from the AWS secrets engine. Reads the same environment as the
vault CLI; flags override it.

  <path>                         as \`vault kv get\` / \`vault read\` take it:
                                   secret/aws/dev     KV secret (v1 or v2, asked from Vault)
                                   aws/creds/deploy   AWS engine, iam_user role
                                   aws/sts/deploy     AWS engine, assumed_role / federation_token /
                                                      session_token role
                                   aws/static-creds/app  AWS engine, static role (current keys)
                                 a child namespace may lead the path (team1/secret/aws/dev
                                 under VAULT_NAMESPACE=admin); "." and ".." segments are refused

Secret:
  --mount <path>                 mount path; <path> is then below it (like \`vault kv get -mount\`)
  --engine <auto|kv1|kv2|aws>    auto (default) asks sys/internal/ui/mounts/<path>; the others skip that
  --kv-version <n>               KV v2: read this version (default: the latest; the old
                                 spelling --version still works)
  --access-key-field <name>      KV: field holding the access key id (default: common spellings,
  --secret-key-field <name>        e.g. aws_access_key_id, access_key, AccessKeyId)
  --session-token-field <name>
  --expiration-field <name>
  --ttl <duration>               AWS engine: lifetime of STS credentials (900s, 15m, 1h)
  --role-arn <arn>               AWS engine: role to assume when the Vault role allows several
  --role-session-name <name>     AWS engine: session name of the assumed role
  --mfa-code <code>              AWS engine: six-digit MFA code for a session_token role
                                   with an MFA serial (sent as mfa_code)

Connection:
  --address <url>                VAULT_AGENT_ADDR, else VAULT_ADDR (default https://127.0.0.1:8200);
                                   http://, https:// or unix:///path/to/socket
  --agent-address <url>          VAULT_AGENT_ADDR: Vault Agent / Vault Proxy; with no token
                                   anywhere, none is sent and the agent adds its auto-auth token
  --namespace <ns>               VAULT_NAMESPACE (sent as X-Vault-Namespace)
  --ca-cert <file>               VAULT_CACERT (else the PEM text in VAULT_CACERT_BYTES)
  --ca-path <dir>                VAULT_CAPATH
  --client-cert <file>           VAULT_CLIENT_CERT
  --client-key <file>            VAULT_CLIENT_KEY
  --tls-server-name <name>       VAULT_TLS_SERVER_NAME
  --tls-skip-verify              VAULT_SKIP_VERIFY (insecure)
  --max-retries <n>              VAULT_MAX_RETRIES (default 2; 5xx, 412, 429 and connection errors;
                                   --timeout bounds them). Also read: VAULT_CLIENT_TIMEOUT,
                                   HTTPS_PROXY/HTTP_PROXY/NO_PROXY, VAULT_PROXY_ADDR, VAULT_HTTP_PROXY

Authentication (default: the token in VAULT_TOKEN, else the token_helper of ~/.vault
(VAULT_CONFIG_PATH) run with "get", else ~/.vault-token):
  --auth <token|approle|kubernetes|jwt>
  --auth-mount <path>            where the method is mounted (default: its name)
  --token-file <file>            token: read the token from this file
  --role-id <id>                 approle: role_id (or --role-id-file <file>, or VAULT_ROLE_ID)
  --secret-id-file <file>        approle: secret_id (or VAULT_SECRET_ID)
  --role <name>                  kubernetes (required) / jwt: the Vault role
  --jwt-file <file>              kubernetes: default /var/run/secrets/kubernetes.io/serviceaccount/token;
                                 jwt: required

Example ~/.aws/config:
  [profile dev]
  credential_process = /usr/local/bin/cred-launch vault secret/aws/dev
`;

/** `cred-launch vault whoami --help`. */
export const WHOAMI_USAGE = `Usage: cred-launch vault whoami [options]

Shows the Vault address, namespace and token identity (display name,
policies, TTL) the plugin would use. Never prints the token.
Takes the connection and authentication options of \`cred-launch vault --help\`.
`;
