/** Small phrases the stages share, in the answer's language. */
import type { Component } from '../answer.js';
import { fmtNum } from '../estimate.js';
import type { Say } from '../say.js';

/** "1 month", "3 months", "3个月". */
export function monthsText(say: Say, months: number | null): string {
  if (!months) return '';
  // Six weeks is 1.4 months, not 1.38.
  return say(months === 1 ? 'unit.month.one' : 'unit.month.other', { n: fmtNum(Math.round(months * 10) / 10) });
}

/** "compute, storage and egress" as a list in the language. */
export function componentList(say: Say, components: Component[]): string {
  return components.map((c) => say(`component.${c}`)).join(say('list.sep'));
}
