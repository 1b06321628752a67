// Command go-judge resolves credentials through the AWS SDK for Go v2 exactly
// as a Go program would, so the test suite can check what the Go SDK makes of
// cred-launch's output. It never prints a secret: only lengths and SHA-256s.
//
//	go-judge process <credential_process command line>
//	go-judge profile <config file> <credentials file> <profile>
//	go-judge line <config file> <profile>
//	go-judge environment
//
// `environment` resolves through the default chain with nothing but the
// environment (what a Go program started by `cred-launch exec` sees: keys in
// AWS_* variables, or AWS_CONTAINER_CREDENTIALS_FULL_URI with --server).
//
// `line` prints only the credential_process string the SDK read from the
// file ({"credentialProcess": "..."}): a command line, not a secret.
//
// On success it prints one JSON object on stdout and exits 0; on failure it
// prints {"error": "<the SDK's error text>"} on stdout and exits 1. The
// credential process's own stderr passes through (the SDK wires it to ours).
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
)

// result is what the test reads: everything it needs to compare, no secret.
type result struct {
	Source                string  `json:"source"`
	AccessKeyID           string  `json:"accessKeyId"`
	SecretAccessKeyLength int     `json:"secretAccessKeyLength"`
	SecretAccessKeySHA256 string  `json:"secretAccessKeySha256"`
	SessionTokenPresent   bool    `json:"sessionTokenPresent"`
	SessionTokenSHA256    string  `json:"sessionTokenSha256,omitempty"`
	CanExpire             bool    `json:"canExpire"`
	Expires               *string `json:"expires"`
	// PrintedExpiration is the Expiration string exactly as the process wrote
	// it (process mode only), so the test can compare it with what Go parsed.
	PrintedExpiration *string `json:"printedExpiration,omitempty"`
}

func digest(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:])
}

func fail(err error) {
	out, _ := json.Marshal(map[string]string{"error": err.Error()})
	fmt.Println(string(out))
	os.Exit(1)
}

// teeBuilder is the SDK's own DefaultNewCommandBuilder (what NewProvider
// uses: `sh -c <line>`, our environment, stdin and stderr) with stdout also
// copied into a buffer. The provider reads stdout as before.
type teeBuilder struct {
	line   string
	stdout *bytes.Buffer
}

func (b teeBuilder) NewCommand(ctx context.Context) (*exec.Cmd, error) {
	cmd, err := processcreds.DefaultNewCommandBuilder{Args: []string{b.line}}.NewCommand(ctx)
	if err != nil {
		return nil, err
	}
	cmd.Stdout = b.stdout
	return cmd, nil
}

func describe(credentials aws.Credentials) result {
	out := result{
		Source:                credentials.Source,
		AccessKeyID:           credentials.AccessKeyID,
		SecretAccessKeyLength: len(credentials.SecretAccessKey),
		SecretAccessKeySHA256: digest(credentials.SecretAccessKey),
		SessionTokenPresent:   credentials.SessionToken != "",
		CanExpire:             credentials.CanExpire,
	}
	if out.SessionTokenPresent {
		out.SessionTokenSHA256 = digest(credentials.SessionToken)
	}
	if credentials.CanExpire {
		expires := credentials.Expires.UTC().Format(time.RFC3339Nano)
		out.Expires = &expires
	}
	return out
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	args := os.Args[1:]
	switch {
	case len(args) == 2 && args[0] == "process":
		printed := &bytes.Buffer{}
		provider := processcreds.NewProviderCommand(teeBuilder{line: args[1], stdout: printed})
		credentials, err := provider.Retrieve(ctx)
		if err != nil {
			fail(err)
		}
		out := describe(credentials)
		var raw struct{ Expiration *string }
		if json.Unmarshal(printed.Bytes(), &raw) == nil {
			out.PrintedExpiration = raw.Expiration
		}
		emit(out)
	case len(args) == 4 && args[0] == "profile":
		// The path users have: the shared config file's credential_process
		// line, read and run by the SDK's default chain.
		emit(describe(defaultChain(ctx,
			config.WithSharedConfigFiles([]string{args[1]}),
			config.WithSharedCredentialsFiles([]string{args[2]}),
			config.WithSharedConfigProfile(args[3]),
		)))
	case len(args) == 1 && args[0] == "environment":
		emit(describe(defaultChain(ctx)))
	case len(args) == 3 && args[0] == "line":
		shared, err := config.LoadSharedConfigProfile(ctx, args[2], func(o *config.LoadSharedConfigOptions) {
			o.ConfigFiles = []string{args[1]}
			o.CredentialsFiles = []string{}
		})
		if err != nil {
			fail(err)
		}
		text, _ := json.Marshal(map[string]string{"credentialProcess": shared.CredentialProcess})
		fmt.Println(string(text))
	default:
		fmt.Fprintln(os.Stderr, "usage: go-judge process <command line> | profile <config> <credentials> <profile> | line <config> <profile> | environment")
		os.Exit(2)
	}
}

// defaultChain resolves credentials through config.LoadDefaultConfig, as a Go
// program does, with these options (region fixed: it is not under test).
func defaultChain(ctx context.Context, options ...func(*config.LoadOptions) error) aws.Credentials {
	cfg, err := config.LoadDefaultConfig(ctx, append(options, config.WithRegion("us-east-1"))...)
	if err != nil {
		fail(err)
	}
	credentials, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		fail(err)
	}
	return credentials
}

func emit(out result) {
	text, err := json.Marshal(out)
	if err != nil {
		fail(err)
	}
	fmt.Println(string(text))
}
