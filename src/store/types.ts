/**
 * What the store keeps, and the interface every store implements (the embedded file store today;
 * a shared database later). Nothing outside src/store reads the data directory.
 */
import { Cron } from 'croner';
import { z } from 'zod';
import { Currency } from '../catalog/schema.js';

export const HistoryRecordSchema = z.object({
  id: z.string(),
  at: z.string(),
  surface: z.enum(['cli', 'slack']),
  user: z.string(),
  channel: z.string().nullable(),
  text: z.string(),
  intent: z.string(),
  request: z.unknown(),
  top: z.object({ provider: z.string(), location: z.string(), region: z.string().nullable() }).nullable(),
  monthly: z.number().nullable(),
  currency: Currency.nullable(),
  providers: z.array(z.string()),
  locations: z.array(z.string()),
  gaps: z.number().int().nonnegative(),
  questions: z.array(z.string()),
  /** What could not be priced ("A10 GPU instance — Tencent Cloud ap-singapore"); absent in older records. */
  missing: z.array(z.string()).optional(),
});
export type HistoryRecord = z.infer<typeof HistoryRecordSchema>;

export { type Quote, QuoteSchema } from '../domain/quote.js';

import type { Quote } from '../domain/quote.js';

export const SettingsSchema = z.object({
  summaryChannel: z.string().nullable().default(null),
  summaryTimeZone: z
    .string()
    .default('UTC')
    .refine(isTimeZone, { message: 'is not a time zone (write one like UTC or Asia/Shanghai)' }),
  /** Cron pattern for the weekly post: Monday 09:00 by default. */
  summaryCron: z
    .string()
    .default('0 9 * * 1')
    .refine(isCron, { message: 'is not a cron pattern (write one like "0 9 * * 1", Mondays at 09:00)' }),
  /** Each Slack user's answer language (`/procure lang zh|en`); a user not listed gets the question's language. */
  userLang: z.record(z.string(), z.enum(['en', 'zh'])).default({}),
  /**
   * The weekly summary post's language (`/procure settings summary-lang zh|en`); unset, the language setting of the
   * admin who chose the channel, else English.
   */
  summaryLang: z.enum(['en', 'zh']).nullable().default(null),
});

function isTimeZone(tz: string): boolean {
  // The default, always valid: checked without loading the time zone data (most of a `procure ask`'s store opening).
  if (tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}
export type Settings = z.infer<typeof SettingsSchema>;

/** The last seen price of each catalogue row, for change tracking. */
export const PriceSnapshotSchema = z.record(
  z.string(),
  z.object({
    provider: z.string(),
    price: z.number(),
    currency: z.string(),
    unit: z.string(),
    asOf: z.string(),
    source: z.string(),
    label: z.string().optional(),
  }),
);
export type PriceSnapshot = Record<
  string,
  { provider: string; price: number; currency: string; unit: string; asOf: string; source: string; label?: string }
>;

export interface PriceChange {
  at: string;
  id: string;
  provider: string;
  kind: 'added' | 'changed' | 'removed';
  old: number | null;
  new: number | null;
  currency: string;
  unit: string;
  source: string;
  /** Readable name of the row when it has one: "gn7i in cn-hangzhou, pay-as-you-go". */
  label?: string;
}

/** One price-API refresh, as the weekly summary and `catalog refresh` history show it. */
export interface RefreshRecord {
  at: string;
  /** Who ran it: a Slack user id, "schedule", or the local user for the CLI. */
  by: string;
  providers: {
    provider: string;
    name: string;
    status: string;
    reason?: string;
    read: number;
    updated: number;
    failures: { label: string; kind: string; code?: string; message: string; kept: boolean }[];
  }[];
}

export interface Store {
  /** Appends one answered request; resolves when it is durably on disk. */
  recordRequest(rec: HistoryRecord): Promise<void>;
  /** Records in [from, to) by time, oldest first. */
  history(range?: { from?: Date; to?: Date }): Promise<HistoryRecord[]>;
  quotes(): Promise<Quote[]>;
  /** Adds the quotes; one whose id is kept already (the same request delivered again) is not added twice. */
  addQuotes(quotes: Quote[]): Promise<void>;
  /** Removes by id or reference; returns how many went. */
  removeQuote(idOrReference: string): Promise<number>;
  settings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  /** Marks the weekly summary for (week, channel) as posted; false when it already was. */
  claimSummaryPost(week: string, channel: string): Promise<boolean>;
  releaseSummaryPost(week: string, channel: string): Promise<void>;
  summaryPosts(): Promise<{ week: string; channel: string; at: string }[]>;
  priceSnapshot(): Promise<PriceSnapshot | null>;
  savePriceSnapshot(snapshot: PriceSnapshot): Promise<void>;
  recordPriceChanges(changes: PriceChange[]): Promise<void>;
  priceChanges(range?: { from?: Date; to?: Date }): Promise<PriceChange[]>;
  /** Appends one price-API refresh report. */
  recordRefresh(rec: RefreshRecord): Promise<void>;
  refreshes(range?: { from?: Date; to?: Date }): Promise<RefreshRecord[]>;
  close(): Promise<void>;
}

/** One acknowledged Slack request, kept until its answer is delivered and recorded. */
export interface InboxEntry {
  /** What identifies the request across Slack's retries: `event:<event_id>`, `trigger:<trigger_id>`, … */
  key: string;
  /** When it was received (ISO). */
  at: string;
  body: Record<string, unknown>;
  retryNum?: number | undefined;
  retryReason?: string | undefined;
}

/**
 * The durable inbox: every request acknowledged to Slack is kept here first, so a crash loses no
 * acknowledged work, and its key is remembered for an hour, so a Slack retry (even after a restart) is
 * recognised as a duplicate. Today a file beside the store; a shared store can hold it later.
 */
export interface Inbox {
  /**
   * Keeps the request; resolves once it is written where a crash of this process cannot lose it (the file
   * store: handed to the kernel; its fsync follows in the background, group-committed, so only a power loss
   * within a few milliseconds can lose it). Resolves false, writing nothing, when the key was kept already
   * (a duplicate delivery).
   */
  add(entry: InboxEntry): Promise<boolean>;
  /**
   * The request's answer was delivered and recorded (or it can no longer be answered): only its key and time
   * are kept from now on (for de-duplication), not its body.
   */
  done(key: string): Promise<void>;
  /** Resolves once everything kept so far would survive a power loss too. */
  flushed(): Promise<void>;
  /** Requests kept but not done, oldest first (what a crash left unanswered). */
  undone(): InboxEntry[];
  close(): Promise<void>;
}
