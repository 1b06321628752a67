/**
 * @cred-launch/sts — turns the long-term keys a plugin returns into
 * short-lived STS credentials (GetSessionToken, AssumeRole, MFA). The launcher
 * loads this package only for `--session` / `--assume-role`; the STS SDK is
 * loaded only inside {@link exchangeCredentials}.
 */
export { exchangeCredentials } from './exchange.js';
export { validateStsOptions, DURATION_LIMITS } from './validate-options.js';
export { defaultRoleSessionName } from './session-name.js';
export { stsClientSettings, FALLBACK_REGION, type StsClientSettings } from './client-config.js';
export { parseTotpSeed, totpCode, type TotpDevice } from './totp.js';
export type { StsExchangeOptions, StsExchangeContext, SessionCredentials, MfaPrompt } from './options.js';
