import type { Verdict } from './acceptance.js';
import type { Diagnosis, DoctorReport, ProfileReport } from './doctor-types.js';

function row(label: string, value: string): string {
  return `  ${label.padEnd(12)} ${value}`;
}

function duration(seconds: number): string {
  const abs = Math.abs(seconds);
  const text = abs >= 7200 ? `${Math.round(abs / 3600)} h` : abs >= 120 ? `${Math.round(abs / 60)} min` : `${abs} s`;
  return seconds < 0 ? `${text} ago` : `in ${text}`;
}

function verdict(value: Verdict): string {
  return value.accepted ? 'accepted' : `REJECTED: ${value.reason ?? 'invalid'}`;
}

function diagnosisLines(diagnosis: Diagnosis, indent: string): string[] {
  const lines = [`${indent}${diagnosis.severity}: ${diagnosis.message} [${diagnosis.code}]`];
  if (diagnosis.fix) lines.push(`${indent}  fix: ${diagnosis.fix}`);
  return lines;
}

function executableText(report: ProfileReport): string | undefined {
  const executable = report.executable;
  if (!executable) return undefined;
  switch (executable.status) {
    case 'found':
      return `${executable.word} (found)`;
    case 'on-path':
      return `${executable.word} → ${executable.path ?? '?'} (found on PATH)`;
    case 'not-on-path':
      return `${executable.word} (NOT on PATH)`;
    case 'missing':
      return `${executable.word} (MISSING)`;
    case 'not-executable':
      return `${executable.word} (not executable)`;
    case 'relative':
      return `${executable.word} (relative path)`;
  }
}

function profileLines(report: ProfileReport): string[] {
  const header = report.profile === 'default' ? '[default]' : `[profile ${report.profile}]`;
  const lines = [`${header}${report.active ? '  (active profile)' : ''}`];
  const add = (label: string, value: string | undefined): void => {
    if (value !== undefined) lines.push(row(label, value));
  };
  add('command', report.command);
  add('set in', report.source ? `${report.source.file}:${report.source.line}` : undefined);
  add('executable', executableText(report));
  if (report.launcher) add('launcher', `cred-launch ${report.launcher.version ?? '(installation not found)'}`);
  else if (report.argv) add('launcher', 'not cred-launch');
  if (report.plugin) {
    add(
      'plugin',
      report.plugin.installed
        ? `${report.plugin.name}: ${report.plugin.packageName ?? 'module file'}${report.plugin.version ? ` ${report.plugin.version}` : ''}`
        : `${report.plugin.name} (NOT installed)`,
    );
  }
  if (report.cache) {
    const cache = report.cache;
    add(
      'cache',
      cache.state === 'fresh'
        ? `fresh, served until ${cache.serveUntil ?? '?'} (stored ${cache.storedAt ?? '?'})`
        : cache.state === 'disabled'
          ? 'disabled (--no-cache)'
          : `no fresh entry (${cache.directory})`,
    );
  }
  if (report.run) {
    const outcome = report.run.timedOut ? 'timed out' : report.run.exitCode !== null ? `exit ${report.run.exitCode}` : `killed by ${report.run.signal ?? '?'}`;
    add('ran in', `${report.run.durationMs} ms, ${outcome}`);
    for (const line of report.run.stderr) add('stderr', line);
  }
  if (report.credentials) {
    const credentials = report.credentials;
    add('access key', `${credentials.accessKeyId} (${credentials.sessionToken ? 'temporary, with session token' : 'no session token'})`);
    add(
      'expires',
      credentials.expiration === undefined
        ? 'never (long-term keys)'
        : `${credentials.expiration}${credentials.expiresInSeconds === undefined ? '' : ` (${duration(credentials.expiresInSeconds)})`}`,
    );
  }
  if (report.accepted) {
    add('botocore', verdict(report.accepted.botocore));
    add('JS SDK v3', verdict(report.accepted.jsSdk));
  }
  for (const diagnosis of report.diagnoses) lines.push(...diagnosisLines(diagnosis, '  '));
  lines.push(`  => ${report.healthy ? 'healthy' : 'NOT healthy'}`);
  return lines;
}

/** The text `cred-launch doctor` prints for people. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines = [`config file       ${report.configFile}`, `credentials file  ${report.credentialsFile}`, `active profile    ${report.activeProfile}`];
  for (const profile of report.profiles) lines.push('', ...profileLines(profile));
  if (report.problems.length > 0) {
    lines.push('');
    for (const problem of report.problems) lines.push(...diagnosisLines(problem, ''));
  }
  const healthy = report.profiles.filter((profile) => profile.healthy).length;
  lines.push('', `${report.profiles.length} profile${report.profiles.length === 1 ? '' : 's'} checked, ${healthy} healthy${report.healthy ? '' : ' — see above'}`);
  return `${lines.join('\n')}\n`;
}
