import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Where the first word of a credential_process line leads. */
export type ExecutableLookup =
  { kind: 'absolute'; path: string; found: boolean; executable: boolean } | { kind: 'relative'; path: string } | { kind: 'path-search'; name: string; found: string | undefined };

function isExecutableFile(path: string): { found: boolean; executable: boolean } {
  try {
    if (!statSync(path).isFile()) return { found: false, executable: false };
  } catch {
    return { found: false, executable: false };
  }
  try {
    accessSync(path, constants.X_OK);
    return { found: true, executable: true };
  } catch {
    return { found: true, executable: false };
  }
}

/**
 * Resolves the executable like the process spawners do: a word with a path
 * separator is a path (relative ones depend on the SDK's working directory),
 * a bare name is looked up on PATH (the SDK's PATH, which may differ from
 * this shell's).
 */
export function findExecutable(word: string, env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): ExecutableLookup {
  const hasSeparator = word.includes('/') || (platform === 'win32' && word.includes('\\'));
  if (hasSeparator) {
    if (!isAbsolute(word)) return { kind: 'relative', path: word };
    return { kind: 'absolute', path: word, ...isExecutableFile(word) };
  }
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const extension of extensions) {
      const candidate = join(dir, word + extension);
      if (isExecutableFile(candidate).executable) return { kind: 'path-search', name: word, found: candidate };
    }
  }
  return { kind: 'path-search', name: word, found: undefined };
}
