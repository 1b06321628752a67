import { createRequire } from 'node:module';

// Packages whose copy of @aws-sdk/core may build an SDK client: the
// Secrets Manager client itself and the STS/SSO clients the credential
// providers create for role assumption.
const ANCHORS = ['@aws-sdk/client-secrets-manager', '@aws-sdk/credential-provider-node', '@aws-sdk/credential-provider-ini'] as const;

interface WarningState {
  warningEmitted?: boolean;
}

/**
 * Silences the AWS SDK's "NodeVersionSupportWarning" (Node < 22), which it
 * writes to stderr with process.emitWarning when a client is created. The
 * SDK's own switch is AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
 * read from process.env, which a plugin must not set. Instead, mark the
 * warning as already emitted in the `state` object @aws-sdk/core/client
 * exports for exactly this check — in every copy of @aws-sdk/core the SDK
 * packages resolve (the `node` export condition makes ESM and CJS imports
 * share the CJS copy). No process I/O is touched; if a future SDK drops
 * `state`, the warning simply shows again.
 */
export function silenceNodeVersionWarning(): number {
  const require = createRequire(import.meta.url);
  const states = new Set<WarningState>();
  for (const anchor of ANCHORS) {
    try {
      const fromAnchor = createRequire(require.resolve(anchor));
      const candidates = [fromAnchor('@aws-sdk/core/client') as { state?: WarningState }];
      if (anchor === '@aws-sdk/credential-provider-ini') {
        // Role assumption builds its STS client from @aws-sdk/nested-clients.
        const nested = createRequire(fromAnchor.resolve('@aws-sdk/nested-clients/sts'));
        candidates.push(nested('@aws-sdk/core/client') as { state?: WarningState });
      }
      for (const candidate of candidates) {
        if (typeof candidate.state === 'object' && candidate.state !== null) states.add(candidate.state);
      }
    } catch {
      // Another layout or version: nothing to silence here.
    }
  }
  for (const state of states) state.warningEmitted = true;
  return states.size;
}
