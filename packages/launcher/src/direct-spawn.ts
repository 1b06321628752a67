/** A child started by {@link spawnWithPipeOnStdin}: only its stdin pipe is ours to close. */
export interface PipedChild {
  /** Closes our end of the child's stdin: the child reads end of file. */
  closeStdin(): void;
}

/** The shapes of Node's process_wrap and pipe_wrap bindings this file relies on (Node 20–24). */
interface ProcessHandle {
  onexit: (exitCode: number, signal: string) => void;
  spawn(options: Record<string, unknown>): number;
  close(): void;
  unref(): void;
}
interface PipeHandle {
  close(): void;
  unref(): void;
}
interface Bindings {
  Process: new () => ProcessHandle;
  Pipe: new (type: number) => PipeHandle;
  socket: number;
}

/** The two bindings, or undefined when this Node does not offer them (process.binding may refuse a name). */
function bindings(): Bindings | undefined {
  const binding = (process as unknown as { binding?: (name: string) => Record<string, unknown> }).binding;
  if (typeof binding !== 'function') return undefined;
  try {
    const { Process } = binding('process_wrap') as { Process?: Bindings['Process'] };
    const { Pipe, constants } = binding('pipe_wrap') as { Pipe?: Bindings['Pipe']; constants?: { SOCKET?: number } };
    if (typeof Process !== 'function' || typeof Pipe !== 'function' || typeof constants?.SOCKET !== 'number') return undefined;
    return { Process, Pipe, socket: constants.SOCKET };
  } catch {
    return undefined;
  }
}

/**
 * Starts `file` with `args` (argv[0] included), stdin a pipe from us, stdout
 * /dev/null and stderr ours, through the process_wrap binding that
 * node:child_process itself spawns with. Why not node:child_process: loading
 * it (with net, dgram and the stream machinery it requires) and its
 * ChildProcess object cost the launcher about 21M instructions on every cold
 * call, the spawn itself under 1M (callgrind, see the package README).
 * Neither the child nor the pipe keeps our event loop alive. Returns
 * undefined when this Node has no such binding or the spawn failed: the
 * caller then uses node:child_process. A spawn that worked but whose
 * binding behaved differently is what hard-limit.test.ts would catch: it runs
 * the whole process on this path and asserts the kill and its timing.
 */
export function spawnWithPipeOnStdin(file: string, args: readonly string[], env: readonly string[]): PipedChild | undefined {
  const wrap = bindings();
  if (!wrap) return undefined;
  const child = new wrap.Process();
  const stdin = new wrap.Pipe(wrap.socket);
  // Called when the child ends before us (it was disarmed): release the handle.
  child.onexit = () => child.close();
  let error: unknown;
  try {
    error = child.spawn({
      file,
      args: [...args],
      envPairs: [...env],
      stdio: [{ type: 'pipe', handle: stdin }, { type: 'ignore' }, { type: 'fd', fd: 2 }],
      detached: false,
      windowsHide: false,
      windowsVerbatimArguments: false,
    });
  } catch (thrown) {
    error = thrown;
  }
  // 0, or a negative errno (or a throw, should the binding's options ever change shape).
  if (error !== 0) {
    stdin.close();
    child.close();
    return undefined;
  }
  child.unref();
  stdin.unref();
  let open = true;
  return {
    closeStdin: () => {
      if (!open) return;
      open = false;
      stdin.close();
    },
  };
}
