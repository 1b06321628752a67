import { writeSync } from 'node:fs';

type Channel = 'stdout' | 'stderr';
type Write = (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;

/** The process's two output channels once guarded: only these writes get out. */
export interface GuardedOutput {
  /** Writes all of `text` to the real stdout; resolves to undefined once written, or to the error's code (e.g. EPIPE). */
  writeStdout(text: string): Promise<string | undefined>;
  /** Writes to the real stderr; a failure is ignored (there is nowhere left to report it). */
  writeStderr(text: string): void;
  /** Told about every write someone else made (and that was dropped). */
  onDropped(listener: (channel: Channel, length: number) => void): void;
}

const FD: Readonly<Record<Channel, number>> = { stdout: 1, stderr: 2 };

/**
 * Makes every write to process.stdout and process.stderr a no-op (reported to
 * the onDropped listener) and returns the only writers that reach the real
 * descriptors.
 *
 * Why the streams are not created here: creating process.stdout or
 * process.stderr (a stream, and for a pipe libuv's handle and the whole
 * net/stream machinery) costs about 12M instructions each, on every cold call.
 * So their getters on `process` are replaced by ones that create the stream,
 * and silence it, only when someone (a plugin, console.log) first asks; the
 * launcher's own text goes to the descriptor with fs.writeSync, as the fast
 * path does. A non-blocking descriptor that is full (EAGAIN) falls back to the
 * stream for the rest, and that channel then keeps using the stream, so the
 * order of the launcher's writes holds.
 */
export function guardOutput(): GuardedOutput {
  let dropped: (channel: Channel, length: number) => void = () => undefined;
  const realWrites: Partial<Record<Channel, Write>> = {};
  const useStream: Record<Channel, boolean> = { stdout: false, stderr: false };

  const silence = (channel: Channel, stream: NodeJS.WriteStream): NodeJS.WriteStream => {
    realWrites[channel] = stream.write.bind(stream) as Write;
    stream.write = ((chunk, encoding, callback) => {
      dropped(channel, typeof chunk === 'string' || chunk instanceof Uint8Array ? chunk.length : 0);
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') process.nextTick(done as () => void);
      return true;
    }) as Write as typeof stream.write;
    // A closed pipe (the consumer went away) must not crash with an 'error' event and a stack.
    stream.on('error', () => undefined);
    return stream;
  };

  for (const channel of ['stdout', 'stderr'] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(process, channel);
    const create = descriptor?.get;
    if (create === undefined || descriptor?.configurable !== true) {
      silence(channel, process[channel]);
      continue;
    }
    let stream: NodeJS.WriteStream | undefined;
    Object.defineProperty(process, channel, {
      configurable: true,
      enumerable: descriptor.enumerable,
      get: () => (stream ??= silence(channel, create.call(process) as NodeJS.WriteStream)),
    });
  }

  /** The real write of `channel`'s stream, creating the stream if nobody has yet. */
  const realWrite = (channel: Channel): Write => {
    void process[channel];
    return realWrites[channel] as Write;
  };

  const writeToStream = (channel: Channel, bytes: Uint8Array): Promise<string | undefined> => {
    useStream[channel] = true;
    return new Promise((resolve) => {
      realWrite(channel)(bytes, (error: NodeJS.ErrnoException | null | undefined) => resolve(error ? (error.code ?? error.name) : undefined));
    });
  };

  const write = async (channel: Channel, text: string): Promise<string | undefined> => {
    const bytes = Buffer.from(text, 'utf8');
    if (useStream[channel]) return writeToStream(channel, bytes);
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(FD[channel], bytes, written);
      return undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
      if (code !== 'EAGAIN') return code;
      return writeToStream(channel, bytes.subarray(written));
    }
  };

  return {
    writeStdout: (text) => write('stdout', text),
    writeStderr: (text) => void write('stderr', text),
    onDropped: (listener) => {
      dropped = listener;
    },
  };
}
