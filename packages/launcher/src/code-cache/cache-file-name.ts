/**
 * What a cache file's name is made of: the Node version and architecture
 * (V8 refuses another V8's cache anyway, but separate names keep two Node
 * versions used in turn from overwriting each other's files), the options
 * Node was started with (V8 refuses a cache made under other V8 flags: same
 * reason), and the module's absolute path.
 */
export function cacheIdentity(filename: string, execOptions: string): string {
  return `${process.version}\n${process.arch}\n${execOptions}\n${filename}`;
}

/**
 * A 53-bit hash of `text` as 14 hex digits: the cache file's name. Not
 * cryptographic and need not be: the file's header repeats the whole
 * identity and is compared in full, so two paths that collide only
 * overwrite each other's file. Written out instead of node:crypto, whose
 * load alone costs ~15M instructions (package README).
 */
export function fileNameHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const high = (h2 >>> 0) & 0x1fffff;
  return high.toString(16).padStart(6, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
