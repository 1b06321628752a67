/** How `--mfa-prompt` asks for a code: `auto` tries the terminal, then a desktop dialog. */
export const MFA_PROMPT_MODES = ['auto', 'tty', 'zenity', 'kdialog', 'osascript', 'none'] as const;
/** One of {@link MFA_PROMPT_MODES}. */
export type MfaPromptMode = (typeof MFA_PROMPT_MODES)[number];

/** Asks for an MFA code; resolves undefined when this driver cannot ask (no terminal, program not installed). Same shape as @cred-launch/sts's MfaPrompt. */
export type TerminalPrompt = (request: { serial: string; signal: AbortSignal }) => Promise<string | undefined>;

/** The desktop dialog programs cred-launch can ask for an MFA code with. */
export type DialogDriver = 'zenity' | 'kdialog' | 'osascript';
