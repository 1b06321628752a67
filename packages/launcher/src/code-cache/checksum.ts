/** CRC-32 of a string (as UTF-8) or bytes, computed natively. */
export type Crc32 = (data: string | Uint8Array) => number;

/**
 * zlib's CRC-32, as Node 22's compile cache checks its files with. From the
 * zlib binding, which Node 20.15+ gives it (the public `zlib.crc32` calls the
 * same function): loading node:zlib itself (streams) cost 8M instructions, the
 * binding 0.3M (package README). Undefined on an older Node 20: then there is
 * no code cache, since V8 11 does not check a cache's own checksum and runs
 * or crashes on a corrupt one (tested).
 */
export function nativeCrc32(): Crc32 | undefined {
  const binding = (process as unknown as { binding?: (name: string) => { crc32?: unknown } }).binding;
  let crc32: unknown;
  try {
    crc32 = typeof binding === 'function' ? binding('zlib').crc32 : undefined;
  } catch {
    crc32 = undefined;
  }
  if (typeof crc32 !== 'function') return undefined;
  const native = crc32 as (data: string | Uint8Array, value: number) => number;
  return (data) => native(data, 0);
}
