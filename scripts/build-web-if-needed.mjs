// Builds the web app when dist/web is missing or older than its sources, so `npm start` on a fresh
// clone serves the browser app without a separate build step.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const index = 'dist/web/index.html';
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const sources = Math.max(newest('web'), newest('contracts'), fs.statSync('vite.config.ts').mtimeMs);
if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < sources) {
  console.log('正在构建网页端 / building the web app …');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
