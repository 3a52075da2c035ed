/**
 * The generator's own time: a simulated clock that starts in the past and only moves forward, and an
 * agenda of timed actions run in time order (each action may put later ones on the agenda). An action
 * due at or after `end` (the real now) is dropped: the population never acts in the future.
 */
import type { Clock } from '../ports.ts';

export class SimulatedClock implements Clock {
  constructor(private t: number) {}
  now(): Date {
    return new Date(this.t);
  }
  /** Moves to `t` unless that is earlier than now (time never goes back). */
  moveTo(t: number): void {
    if (t > this.t) this.t = t;
  }
}

interface Entry {
  at: number;
  seq: number;
  label: string;
  run: () => Promise<void>;
}

export class Agenda {
  private entries: Entry[] = [];
  private seq = 0;
  dropped = 0;
  /** Milliseconds spent per kind of action (the label's first word), for tuning. */
  readonly timings = new Map<string, number>();
  done = 0;

  constructor(
    readonly clock: SimulatedClock,
    /** Actions due at or after this instant are dropped. */
    readonly end: number,
  ) {}

  /** Puts an action on the agenda at `at` (ms); a time before the clock runs it next, at the clock's time. */
  at(at: number, label: string, run: () => Promise<void>): void {
    if (at >= this.end) {
      this.dropped += 1;
      return;
    }
    this.entries.push({ at, seq: this.seq++, label, run });
  }

  /** Runs every action in time order (ties in the order they were added); `progress` is told now and then. */
  async run(progress: (done: number, pending: number, at: Date) => void): Promise<void> {
    let lastReport = 0;
    while (this.entries.length) {
      let best = 0;
      for (let i = 1; i < this.entries.length; i++) {
        const e = this.entries[i]!;
        const b = this.entries[best]!;
        if (e.at < b.at || (e.at === b.at && e.seq < b.seq)) best = i;
      }
      const [entry] = this.entries.splice(best, 1);
      this.clock.moveTo(entry!.at);
      const began = performance.now();
      try {
        await entry!.run();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(`demo population: "${entry!.label}" at ${this.clock.now().toISOString()} failed: ${message}`, { cause: err });
      }
      const key = entry!.label.split(' ')[0]!;
      this.timings.set(key, (this.timings.get(key) ?? 0) + performance.now() - began);
      this.done += 1;
      if (this.done - lastReport >= 250) {
        lastReport = this.done;
        progress(this.done, this.entries.length, this.clock.now());
      }
    }
  }
}
