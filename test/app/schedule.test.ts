/**
 * The weekly summary schedule (src/app/schedule.ts) driven by a fake clock: catchUp(now) is called with chosen
 * instants and a fake Poster records what would have been posted. The store is a real FileStore in a temp dir,
 * so "exactly once" holds across restarts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Poster, type ScheduleLog, SummarySchedule } from '../../src/app/schedule.js';
import { FileStore } from '../../src/store/file-store.js';
import { removeDir, tempDir } from '../helpers/project.js';

const MONDAY_0900 = new Date('2026-11-23T09:00:00Z');

class FakePoster implements Poster {
  readonly posts: { week: string; channel: string }[] = [];
  /** How many of the next calls throw. */
  failures = 0;

  async post(week: string, channel: string): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('channel_not_found');
    }
    this.posts.push({ week, channel });
  }
}

class FakeLog implements ScheduleLog {
  readonly lines: { level: 'info' | 'error'; text: string }[] = [];
  info(...msg: unknown[]): void {
    this.lines.push({ level: 'info', text: msg.map(String).join(' ') });
  }
  error(...msg: unknown[]): void {
    this.lines.push({ level: 'error', text: msg.map(String).join(' ') });
  }
}

let dir: string;
let store: FileStore;
let poster: FakePoster;
let log: FakeLog;
let schedule: SummarySchedule;

beforeEach(async () => {
  dir = tempDir('procure-schedule-');
  store = await FileStore.open(dir, { writer: true });
  poster = new FakePoster();
  log = new FakeLog();
  schedule = new SummarySchedule(store, poster, log);
});

afterEach(async () => {
  schedule.stop();
  await store.close();
  removeDir(dir);
});

/** Closes the store and opens everything again on the same directory, as a restarted bot would. */
async function restart(): Promise<void> {
  schedule.stop();
  await store.close();
  store = await FileStore.open(dir, { writer: true });
  schedule = new SummarySchedule(store, poster, log);
}

describe('SummarySchedule.catchUp with a fake clock', () => {
  it('posts nothing while no channel is set', async () => {
    expect(await schedule.catchUp(MONDAY_0900)).toBeNull();
    expect(await schedule.catchUp(new Date('2026-12-02T12:00:00Z'))).toBeNull();
    expect(poster.posts).toEqual([]);
    expect(await store.summaryPosts()).toEqual([]);
  });

  it('posts the week just ended exactly once at Monday 09:00 UTC, however often it is called', async () => {
    await store.updateSettings({ summaryChannel: 'C123' });
    expect(await schedule.catchUp(MONDAY_0900)).toBe('2026-W47');
    expect(await schedule.catchUp(MONDAY_0900)).toBeNull();
    expect(await schedule.catchUp(new Date('2026-11-23T09:00:30Z'))).toBeNull();
    expect(poster.posts).toEqual([{ week: '2026-W47', channel: 'C123' }]);
    expect((await store.summaryPosts()).map((p) => `${p.week} ${p.channel}`)).toEqual(['2026-W47 C123']);
    expect(log.lines).toEqual([{ level: 'info', text: 'weekly summary for 2026-W47 posted to C123' }]);
  });

  it('a restart at 09:05 posts nothing more', async () => {
    await store.updateSettings({ summaryChannel: 'C123' });
    await schedule.catchUp(MONDAY_0900);
    await restart();
    expect(await schedule.catchUp(new Date('2026-11-23T09:05:00Z'))).toBeNull();
    expect(poster.posts).toEqual([{ week: '2026-W47', channel: 'C123' }]);
  });

  it('a week missed while the bot was down is posted once when it comes back (Wednesday)', async () => {
    await store.updateSettings({ summaryChannel: 'C123' });
    await schedule.catchUp(MONDAY_0900);
    await restart();
    // Down over Monday 2026-11-30 09:00; back on Wednesday.
    const wednesday = new Date('2026-12-02T10:00:00Z');
    expect(await schedule.catchUp(wednesday)).toBe('2026-W48');
    expect(await schedule.catchUp(wednesday)).toBeNull();
    await restart();
    expect(await schedule.catchUp(new Date('2026-12-02T10:01:00Z'))).toBeNull();
    expect(poster.posts).toEqual([
      { week: '2026-W47', channel: 'C123' },
      { week: '2026-W48', channel: 'C123' },
    ]);
  });

  it('only the latest due week is posted after a long outage, not a backlog', async () => {
    await store.updateSettings({ summaryChannel: 'C123' });
    await schedule.catchUp(MONDAY_0900);
    expect(await schedule.catchUp(new Date('2026-12-16T10:00:00Z'))).toBe('2026-W50');
    expect(poster.posts.map((p) => p.week)).toEqual(['2026-W47', '2026-W50']);
  });

  it('a poster that throws releases the claim, so the next catchUp posts once', async () => {
    await store.updateSettings({ summaryChannel: 'C123' });
    poster.failures = 1;
    expect(await schedule.catchUp(MONDAY_0900)).toBeNull();
    expect(poster.posts).toEqual([]);
    expect(await store.summaryPosts()).toEqual([]);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]?.level).toBe('error');
    expect(log.lines[0]?.text).toContain('2026-W47');
    expect(log.lines[0]?.text).toContain('channel_not_found');

    const later = new Date('2026-11-23T09:01:00Z');
    expect(await schedule.catchUp(later)).toBe('2026-W47');
    expect(await schedule.catchUp(later)).toBeNull();
    expect(poster.posts).toEqual([{ week: '2026-W47', channel: 'C123' }]);
  });

  it('a new channel gets its own post for the same week', async () => {
    await store.updateSettings({ summaryChannel: 'C123' });
    await schedule.catchUp(MONDAY_0900);
    await store.updateSettings({ summaryChannel: 'C456' });
    expect(await schedule.catchUp(new Date('2026-11-23T10:00:00Z'))).toBe('2026-W47');
    expect(poster.posts).toEqual([
      { week: '2026-W47', channel: 'C123' },
      { week: '2026-W47', channel: 'C456' },
    ]);
  });

  it('the time zone moves the due time: 08:59 UTC on Monday is already past 09:00 in Shanghai', async () => {
    await store.updateSettings({ summaryChannel: 'C123' });
    const early = new Date('2026-11-23T08:59:00Z');
    // In UTC, Monday 09:00 has not come yet: the week due is still the one before (2026-W46).
    expect(SummarySchedule.dueWeek('0 9 * * 1', 'UTC', early)).toBe('2026-W46');

    await store.updateSettings({ summaryTimeZone: 'Asia/Shanghai' });
    expect(await schedule.catchUp(early)).toBe('2026-W47');
    expect(poster.posts).toEqual([{ week: '2026-W47', channel: 'C123' }]);
  });

  it('in Shanghai, Monday 00:59 UTC (08:59 local) is too early for this week', async () => {
    await store.updateSettings({ summaryChannel: 'C123', summaryTimeZone: 'Asia/Shanghai' });
    // The week due then is 2026-W46: claim it as already posted, so nothing new is due.
    await store.claimSummaryPost('2026-W46', 'C123');
    expect(await schedule.catchUp(new Date('2026-11-23T00:59:00Z'))).toBeNull();
    expect(await schedule.catchUp(new Date('2026-11-23T01:00:00Z'))).toBe('2026-W47');
    expect(poster.posts).toEqual([{ week: '2026-W47', channel: 'C123' }]);
  });

  it('start() catches up at once with the clock it is given, and stop() ends the schedule', async () => {
    await store.updateSettings({ summaryChannel: 'C123' });
    await schedule.start(() => new Date('2026-11-24T12:00:00Z'));
    expect(poster.posts).toEqual([{ week: '2026-W47', channel: 'C123' }]);
    schedule.stop();
    await schedule.reschedule(() => new Date('2026-11-24T12:00:00Z'));
    schedule.stop();
    expect(poster.posts).toHaveLength(1);
  });
});

describe('SummarySchedule.dueWeek', () => {
  it.each([
    ['2026-11-23T08:59:59Z', 'UTC', '2026-W46'],
    ['2026-11-23T09:00:00Z', 'UTC', '2026-W47'],
    ['2026-11-25T15:00:00Z', 'UTC', '2026-W47'],
    ['2026-11-29T23:59:59Z', 'UTC', '2026-W47'],
    ['2026-11-30T09:00:00Z', 'UTC', '2026-W48'],
    ['2026-12-02T10:00:00Z', 'UTC', '2026-W48'],
    ['2027-01-04T09:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-11T09:00:00Z', 'UTC', '2027-W01'],
    ['2026-11-23T00:59:00Z', 'Asia/Shanghai', '2026-W46'],
    ['2026-11-23T01:00:00Z', 'Asia/Shanghai', '2026-W47'],
    ['2026-11-23T08:59:00Z', 'Asia/Shanghai', '2026-W47'],
    ['2026-11-23T16:59:00Z', 'America/Los_Angeles', '2026-W46'],
    ['2026-11-23T17:00:00Z', 'America/Los_Angeles', '2026-W47'],
  ])('at %s in %s the week due is %s', (iso, tz, week) => {
    expect(SummarySchedule.dueWeek('0 9 * * 1', tz, new Date(iso))).toBe(week);
  });

  it('follows a custom pattern (Friday 17:00)', () => {
    expect(SummarySchedule.dueWeek('0 17 * * 5', 'UTC', new Date('2026-11-27T16:59:00Z'))).toBe('2026-W47');
    expect(SummarySchedule.dueWeek('0 17 * * 5', 'UTC', new Date('2026-11-27T17:00:00Z'))).toBe('2026-W48');
  });
});
