/** STS allows 2-64 characters from this set in RoleSessionName. */
const ALLOWED = /[^\w+=,.@-]/gu;
const MAX_LENGTH = 64;

/**
 * The default RoleSessionName: `cred-launch-<user>-<unix seconds>`. It shows
 * up in CloudTrail and in the assumed-role ARN, so it says who and when.
 * The user name is reduced to the characters STS allows and trimmed so the
 * whole name stays within 64 characters.
 */
export function defaultRoleSessionName(env: Readonly<Record<string, string | undefined>>, now: Date): string {
  const time = String(Math.floor(now.getTime() / 1000));
  const rawUser = env.USER ?? env.LOGNAME ?? env.USERNAME ?? 'user';
  const prefix = 'cred-launch-';
  const room = MAX_LENGTH - prefix.length - time.length - 1;
  const user = rawUser.replace(ALLOWED, '').slice(0, room) || 'user';
  return `${prefix}${user}-${time}`;
}
