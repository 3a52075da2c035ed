/**
 * Small recurring jobs of the server process: seal the audit chain, send queued mail, remind of progress
 * reports (and fail rectifications that ran out), and clear
 * expired sessions, old login attempts and abandoned uploads. Each runs on a timer that never overlaps itself; on
 * several servers they are safe to run everywhere (the sealer takes an advisory lock, mail rows are
 * claimed with SKIP LOCKED, and so are the progress reports a reminder is due for).
 */
import os from 'node:os';
import nodemailer, { type Transporter } from 'nodemailer';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../postgres/schema.ts';
import type { AuditTrail, Deps } from '../../use-cases/ports.ts';
import { sendProgressReminders } from '../../use-cases/implementation/reminders.ts';
import { runExportJobs } from '../../use-cases/statistics/export-jobs.ts';
import { streamingExportWriter } from '../documents/statistics-xlsx.ts';

function every(ms: number, logger: Logger, name: string, work: () => Promise<unknown>): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await work();
    } catch (err) {
      logger.warn({ err, job: name }, 'background job failed; will retry');
    } finally {
      running = false;
    }
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}

export async function sendPendingMail(db: Kysely<Database>, transport: Transporter, from: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('email_outbox').selectAll().where('status', '=', 'pending').where('attempts', '<', 5).orderBy('id').limit(20).forUpdate().skipLocked().execute();
    for (const row of rows) {
      try {
        await transport.sendMail({ from, to: row.to_address, subject: row.subject, text: row.body });
        await trx.updateTable('email_outbox').set({ status: 'sent', sent_at: new Date(), attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
      } catch (err) {
        const attempts = row.attempts + 1;
        await trx
          .updateTable('email_outbox')
          .set({ attempts, last_error: String(err).slice(0, 500), status: attempts >= 5 ? 'failed' : 'pending' })
          .where('id', '=', row.id)
          .execute();
      }
    }
    return rows.length;
  });
}

export function startBackgroundJobs(opts: {
  db: Kysely<Database>;
  auditTrail: AuditTrail;
  logger: Logger;
  smtpUrl?: string | undefined;
  mailFrom: string;
  /** The use cases' dependencies, for the scheduled steps of the programs (progress reminders). */
  deps?: Deps;
  remindersEveryMs?: number;
}): () => void {
  const stops = [
    every(2_000, opts.logger, 'audit-seal', () => opts.auditTrail.seal()),
    every(10 * 60_000, opts.logger, 'cleanup', async () => {
      await opts.db.deleteFrom('session').where((eb) => eb.or([eb('idle_expires_at', '<', new Date()), eb('absolute_expires_at', '<', new Date())])).execute();
      await opts.db.deleteFrom('login_attempt').where('at', '<', sql<Date>`now() - interval '30 days'`).execute();
      // Abandoned resumable uploads (their staged chunks go with them).
      await opts.db.deleteFrom('upload').where('expires_at', '<', new Date()).execute();
    }),
  ];
  const deps = opts.deps;
  if (deps) {
    stops.push(
      every(opts.remindersEveryMs ?? 5 * 60_000, opts.logger, 'progress-reminders', async () => {
        const run = await sendProgressReminders(deps);
        if (run.reminded || run.overdueNotified || run.rectificationsExpired) opts.logger.info({ job: 'progress-reminders', ...run }, 'progress reminders sent');
      }),
      // Statistics exports queued by officers (claimed with SKIP LOCKED: one server runs each job).
      every(2_000, opts.logger, 'statistics-exports', () => runExportJobs(deps, streamingExportWriter, { workerId: `${os.hostname()}:${process.pid}` })),
    );
  }
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    stops.push(every(5_000, opts.logger, 'mail', () => sendPendingMail(opts.db, transport, opts.mailFrom)));
  }
  return () => stops.forEach((stop) => stop());
}
