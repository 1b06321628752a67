import { AwsConfigFile } from './config-file-editor.js';
import { profileOfConfigSection, readOptionalFile, type AwsFileLocations } from './locations.js';

/** One setting of a profile and where it was written. */
export interface ProfileSetting {
  /** What botocore reads (the whole rest of the line). */
  value: string;
  /** What the JS SDK reads (cut at ` #` / ` ;`). */
  jsValue: string;
  file: string;
  line: number;
}

/** A profile as the SDKs assemble it from the two shared files. */
export interface AwsProfile {
  name: string;
  /** Settings from the config file's `[profile NAME]` / `[default]`. */
  config: Map<string, ProfileSetting>;
  /** Settings from the credentials file's `[NAME]`. */
  credentials: Map<string, ProfileSetting>;
}

/** Something in the files that makes botocore refuse them whole (ConfigParser is strict). */
export interface FileProblem {
  file: string;
  message: string;
}

/** Both files, read. */
export interface AwsProfiles {
  profiles: Map<string, AwsProfile>;
  problems: FileProblem[];
  configExists: boolean;
  credentialsExists: boolean;
}

function profileFor(profiles: Map<string, AwsProfile>, name: string): AwsProfile {
  let profile = profiles.get(name);
  if (!profile) {
    profile = { name, config: new Map(), credentials: new Map() };
    profiles.set(name, profile);
  }
  return profile;
}

function collect(file: string, text: string, kind: 'config' | 'credentials', profiles: Map<string, AwsProfile>, problems: FileProblem[]): void {
  const document = AwsConfigFile.parse(text);
  const seenSections = new Set<string>();
  for (const section of document.sections()) {
    if (seenSections.has(section.name)) problems.push({ file, message: `section [${section.name}] appears twice; botocore (the AWS CLI, boto3) refuses the whole file` });
    seenSections.add(section.name);
  }
  const seenKeys = new Set<string>();
  for (const entry of document.entries()) {
    const name = kind === 'config' ? profileOfConfigSection(entry.section) : entry.section;
    if (name === undefined) continue;
    const id = `${entry.section}\u0000${entry.key}`;
    if (seenKeys.has(id)) problems.push({ file, message: `${entry.key} appears twice in [${entry.section}]; botocore (the AWS CLI, boto3) refuses the whole file` });
    seenKeys.add(id);
    const target = kind === 'config' ? profileFor(profiles, name).config : profileFor(profiles, name).credentials;
    // [default] wins over [profile default], as in both SDKs.
    if (kind === 'config' && entry.section === 'profile default' && target.has(entry.key)) continue;
    target.set(entry.key, { value: entry.value, jsValue: entry.jsValue, file, line: entry.line });
  }
}

/** Reads the config and credentials files into profiles. Missing files are empty. */
export function readAwsProfiles(locations: AwsFileLocations): AwsProfiles {
  const profiles = new Map<string, AwsProfile>();
  const problems: FileProblem[] = [];
  const configText = readOptionalFile(locations.configFile);
  const credentialsText = readOptionalFile(locations.credentialsFile);
  if (configText !== undefined) collect(locations.configFile, configText, 'config', profiles, problems);
  if (credentialsText !== undefined) collect(locations.credentialsFile, credentialsText, 'credentials', profiles, problems);
  return { profiles, problems, configExists: configText !== undefined, credentialsExists: credentialsText !== undefined };
}

/** A setting as the SDKs resolve it: the credentials file overrides the config file. */
export function effectiveSetting(profile: AwsProfile, key: string): ProfileSetting | undefined {
  return profile.credentials.get(key) ?? profile.config.get(key);
}
