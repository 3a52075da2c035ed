/**
 * The real server (src/main/server.ts) as a child process, started the way test/support/e2e.ts does
 * and waited for until it prints that it is running. It is started as `node --import tsx` rather than
 * through `npx tsx` so that the child's pid is the server's own process, whose peak resident memory
 * (VmHWM in /proc/<pid>/status) is what the surge reports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningServer {
  base: string;
  pid: number;
  /** Everything the server printed so far. */
  output(): string;
  /** Resident memory now and its peak so far, in MB (from /proc; null where /proc is missing). */
  memory(): { rssMb: number | null; peakMb: number | null };
  stop(): Promise<void>;
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function statusField(pid: number, field: string): number | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

export async function startServer(env: Record<string, string>, opts: { timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = Number(env.PORT ?? (await freePort()));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'false', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  while (!output.includes('Platform running')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid!;
  return {
    base: `http://127.0.0.1:${port}`,
    pid,
    output: () => output,
    memory: () => ({ rssMb: statusField(pid, 'VmRSS'), peakMb: statusField(pid, 'VmHWM') }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
