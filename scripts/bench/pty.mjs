// A real pseudo-terminal of a fixed size for the bench, with no native module: Python's pty
// module forks the command on a pty slave sized with TIOCSWINSZ before exec (so the app's first
// frame already sees 120x40), and relays bytes both ways. The command is Python's direct
// child, so its pid is known (for /proc/<pid>/status peak RSS).
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const RELAY = String.raw`
import os, sys, pty, fcntl, termios, struct, select, signal
cols, rows = int(sys.argv[1]), int(sys.argv[2])
cmd = sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execvp(cmd[0], cmd)
def stop(*_):
    try: os.kill(pid, signal.SIGTERM)
    except ProcessLookupError: pass
signal.signal(signal.SIGTERM, stop)
sys.stderr.write('PID %d\n' % pid); sys.stderr.flush()
inputs = [fd, 0]
out = sys.stdout.buffer
while True:
    try: ready, _, _ = select.select(inputs, [], [])
    except InterruptedError: continue
    if fd in ready:
        try: data = os.read(fd, 65536)
        except OSError: data = b''
        if not data: break
        out.write(data); out.flush()
    if 0 in ready:
        data = os.read(0, 4096)
        if data: os.write(fd, data)
        else: inputs.remove(0)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) & 0xff)
`;

/**
 * Runs `command args` in a `columns`x`rows` pty. `output` collects everything the app wrote,
 * with the time (performance.now() of this process) each chunk arrived.
 */
export function spawnPty(command, args, { columns = 120, rows = 40, env = process.env, cwd } = {}) {
  const startedAt = performance.now();
  const child = spawn('python3', ['-c', RELAY, String(columns), String(rows), command, ...args], {
    env,
    cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const chunks = [];
  let text = '';
  const waiters = [];
  let resolvePid;
  const pid = new Promise((resolve) => (resolvePid = resolve));
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    stderr += d;
    const m = /PID (\d+)/.exec(stderr);
    if (m) resolvePid(Number(m[1]));
  });
  child.stdout.on('data', (buf) => {
    const at = performance.now();
    const s = buf.toString('utf8');
    chunks.push({ at, text: s });
    text += s;
    for (const w of [...waiters]) w.check(at);
  });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  exited.then(() => {
    for (const w of [...waiters]) w.fail(new Error(`the command exited before: ${w.what}`));
  });
  return {
    startedAt,
    pid,
    child,
    exited,
    chunks,
    get text() {
      return text;
    },
    get stderr() {
      return stderr;
    },
    write(data) {
      child.stdin.write(data);
    },
    /** Resolves with the arrival time of the chunk after which `test(allOutput)` holds. */
    waitFor(test, what, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const w = {
          what,
          check(at) {
            if (!test(text)) return;
            done();
            resolve(at);
          },
          fail(error) {
            done();
            reject(error);
          },
        };
        const timer = setTimeout(
          () => w.fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
          timeoutMs,
        );
        const done = () => {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(w), 1);
        };
        waiters.push(w);
        w.check(performance.now());
      });
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(hard);
    },
  };
}
