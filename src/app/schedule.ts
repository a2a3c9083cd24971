/**
 * The weekly summary post: on the schedule (default Monday 09:00 in the configured time zone) the
 * summary of the week just ended goes to the channel an admin set. Exactly one post per week and
 * channel, across restarts: the post is claimed in the store first. A week missed while the bot was
 * down is posted once when it comes back (the latest due week only, not a backlog).
 */
import { Cron } from 'croner';
import type { Store } from '../store/types.js';
import { isoWeekOf } from '../store/week.js';

export interface Poster {
  /** Posts the summary of `week` to `channel`; throws when it could not. */
  post(week: string, channel: string): Promise<void>;
}

export interface ScheduleLog {
  info(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
}

export class SummarySchedule {
  private job: Cron | null = null;

  constructor(
    private readonly store: Store,
    private readonly poster: Poster,
    private readonly log: ScheduleLog,
  ) {}

  /** The week whose summary is due at `now`: the week before the latest scheduled time that has passed. */
  static dueWeek(pattern: string, timezone: string, now: Date): string | null {
    const cron = new Cron(pattern, { timezone, paused: true });
    let last: Date | null = null;
    let next = cron.nextRun(new Date(now.getTime() - 8 * 86_400_000));
    while (next && next.getTime() <= now.getTime()) {
      last = next;
      next = cron.nextRun(new Date(next.getTime() + 1000));
    }
    cron.stop();
    return last ? isoWeekOf(new Date(last.getTime() - 86_400_000)) : null;
  }

  /** Posts the due week's summary unless it was already posted; returns the week posted, or null. */
  async catchUp(now: Date): Promise<string | null> {
    const settings = await this.store.settings();
    const channel = settings.summaryChannel;
    if (!channel) return null;
    const week = SummarySchedule.dueWeek(settings.summaryCron, settings.summaryTimeZone, now);
    if (!week) return null;
    if (!(await this.store.claimSummaryPost(week, channel))) return null;
    try {
      await this.poster.post(week, channel);
      this.log.info(`weekly summary for ${week} posted to ${channel}`);
      return week;
    } catch (err) {
      // Not posted: release the claim so the next tick (or restart) tries again.
      await this.store.releaseSummaryPost(week, channel);
      this.log.error(
        `weekly summary for ${week} could not be posted to ${channel}:`,
        err instanceof Error ? err.message : String(err),
      );
      return null;
    }
  }

  /** Runs catch-up now and then on the schedule. */
  async start(now: () => Date = () => new Date()): Promise<void> {
    await this.catchUp(now());
    await this.reschedule(now);
  }

  /** Re-reads the pattern and time zone (after an admin changes them). */
  async reschedule(now: () => Date = () => new Date()): Promise<void> {
    this.job?.stop();
    const settings = await this.store.settings();
    this.job = new Cron(settings.summaryCron, { timezone: settings.summaryTimeZone, protect: true }, async () => {
      await this.catchUp(now());
    });
  }

  stop(): void {
    this.job?.stop();
    this.job = null;
  }
}
