/** Progress lines go to stderr, so that `--json` leaves exactly one JSON object on stdout. */
const started = Date.now();

export function log(message: string): void {
  const s = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}

