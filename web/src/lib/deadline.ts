/**
 * Where a call stands against its dates, for the status tag and countdown beside a deadline:
 * not yet open, open (with days or hours left), closing within a day, or closed. The server is the
 * judge of deadlines; this only tells the user how long they have.
 */
export type DeadlineState =
  | { kind: 'notOpen'; days: number }
  | { kind: 'open'; days: number }
  | { kind: 'closing'; hours: number; minutes: number }
  | { kind: 'closed' };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function deadlineState(opensAt: string | null, deadlineAt: string, now: Date = new Date()): DeadlineState {
  const t = now.getTime();
  const deadline = Date.parse(deadlineAt);
  if (opensAt) {
    const opens = Date.parse(opensAt);
    if (Number.isFinite(opens) && t < opens) return { kind: 'notOpen', days: Math.ceil((opens - t) / DAY) };
  }
  if (!Number.isFinite(deadline) || t >= deadline) return { kind: 'closed' };
  const left = deadline - t;
  if (left < DAY) return { kind: 'closing', hours: Math.floor(left / HOUR), minutes: Math.floor((left % HOUR) / MINUTE) };
  return { kind: 'open', days: Math.floor(left / DAY) };
}
