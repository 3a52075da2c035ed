/**
 * Browser-test harness: the real server (`src/main/server.ts`) on a fresh data folder and a port of
 * the caller's range, and Debian's Chromium through playwright-core (never a downloaded browser).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface E2E {
  base: string;
  browser: Browser;
  /** Everything the server printed so far. */
  output(): string;
  /** The server's time (the real time plus what moveClock added). */
  now(): Date;
  /** Moves the server's clock forward (the server reads CLOCK_OFFSET_FILE at every call). */
  moveClock(ms: number): void;
  /** One case in a fresh context; on failure a screenshot in the temp folder and the server's last lines. */
  inBrowser(name: string, viewport: { width: number; height: number }, body: (page: Page) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the server and the browser. `portBase` keeps files apart (Chromium refuses some ports,
 * e.g. 4045 and 4190: ERR_UNSAFE_PORT — choose a range clear of them). `demoPopulation` starts the
 * server with the generated demo population (DEMO_POPULATION=full); by default it starts without.
 */
export async function startE2E(portBase: number, options: { demoPopulation?: boolean } = {}): Promise<E2E> {
  execFileSync('node', ['scripts/build-web-if-needed.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const port = portBase + (process.pid % 90);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-data-'));
  const clockFile = path.join(dataDir, 'clock-offset-ms');
  let offset = 0;
  fs.writeFileSync(clockFile, '0');
  let output = '';
  const server: ChildProcess = spawn('npx', ['tsx', 'src/main/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, CLOCK_OFFSET_FILE: clockFile, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'info',
      // The generated demo population takes time and changes what lists show: only for tests that ask for it.
      DEMO_POPULATION: options.demoPopulation ? 'full' : 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  while (!output.includes('Platform running')) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    base: `http://127.0.0.1:${port}`,
    browser,
    output: () => output,
    now: () => new Date(Date.now() + offset),
    moveClock(ms) {
      offset += ms;
      fs.writeFileSync(clockFile, String(offset));
    },
    async inBrowser(name, viewport, body) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' });
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && console.error(`[browser ${name}] ${m.text()}`));
      page.on('requestfailed', (r) => console.error(`[browser ${name}] request failed ${r.url()} ${r.failure()?.errorText}`));
      try {
        await body(page);
      } catch (err) {
        const shot = path.join(os.tmpdir(), `e2e-failure-${name}.png`);
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
        console.error(`screenshot: ${shot}\nserver output (last lines):\n${output.split('\n').slice(-30).join('\n')}`);
        throw err;
      } finally {
        await context.close();
      }
    },
    async stop() {
      await browser.close();
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
