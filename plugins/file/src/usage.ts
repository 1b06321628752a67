/** `cred-launch file --help`. */
export const SOURCE_USAGE = `Usage: cred-launch file <encrypted-file> (--key-file <path> | --key-env <VAR>) [options]
       cred-launch file encrypt <plaintext-file> [options]   (see: cred-launch file encrypt --help)

Reads AWS credentials from a file encrypted with
  openssl enc -aes-256-cbc -pbkdf2 [-a] [-iter N] -pass file:<key>   (binary or base64)
  age -r age1… / age -i <identity> / age -p                           (binary or armored)
The format is detected from the file. The decrypted content is an AWS credentials
file ([profile] sections) or credentials JSON in any common spelling.

Key (exactly one):
  --key-file <path>     OpenSSL: the first line is the passphrase (as -pass file: reads it).
                        age: an identity file (AGE-SECRET-KEY-1…, # comments allowed)
                        or a passphrase on the first line. Must be mode 600 and yours.
  --key-env <VAR>       the key is the whole value of environment variable VAR
                        (as -pass env:VAR); for age an identity or a passphrase.

Options:
  --profile <name>      profile to select from the decrypted file (default: default)
  --iter <n>            PBKDF2 iterations used with openssl -iter (default: 10000)
  --md <digest>         PBKDF2 digest used with openssl -md: sha256 (default), sha1,
                        sha224, sha384, sha512, md5
  --access-key-field <name>      field holding the access key id
  --secret-key-field <name>      field holding the secret access key
  --session-token-field <name>   field holding the session token
  --expiration-field <name>      field holding the expiration

Example (~/.aws/config):
  [profile dev]
  credential_process = /usr/local/bin/cred-launch file /home/me/.aws/static_credentials.enc --key-file /home/me/.secrets/aws-creds.key --profile dev
`;

/** `cred-launch file encrypt --help`. */
export const ENCRYPT_USAGE = `Usage: cred-launch file encrypt <plaintext-file> [options]

Encrypts a plaintext AWS credentials file (INI or JSON) so that cred-launch file,
openssl enc -d and age -d can read it. The output is written with mode 600,
atomically, and checked to decrypt before it is written.

Options:
  -o, --out <path>          output file (default: <plaintext-file>.enc, or .age for age)
  --format openssl|age      default: openssl (age when --recipient is given)
  -a, --armor               base64 like openssl enc -a, or age ASCII armor
  --key-file <path>         OpenSSL: passphrase file (first line). age: identity file
                            (encrypts to its public key) or passphrase file
  --generate-key            create --key-file first (mode 600; refused if it exists):
                            OpenSSL: 32 random bytes in base64 (openssl rand -base64 32)
                            age: a new X25519 identity (like age-keygen)
  --key-env <VAR>           take the passphrase (or age identity) from variable VAR
  -r, --recipient <age1…>   age: encrypt to this public key (repeatable)
  --iter <n>                OpenSSL: PBKDF2 iterations (default: 10000)
  --md <digest>             OpenSSL: PBKDF2 digest (default: sha256)
  --scrypt-work-factor <n>  age passphrase: scrypt log2 N, 10-20 (default: 18, as age -p)
  --force                   replace an existing output file

Examples:
  cred-launch file encrypt ~/.aws/credentials --out ~/.aws/static_credentials.enc \\
    --key-file ~/.secrets/aws-creds.key --generate-key
  cred-launch file encrypt ~/.aws/credentials --format age --key-file ~/.secrets/aws.agekey --generate-key
`;
