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

/**
 * Chinese text with no space between two Chinese characters: templates put spaces around a slot for region ids
 * ("在 cn-hangzhou 有"), which a Chinese phrase filled in ("我们使用的地域") must not keep.
 */
export function tightZh(text: string): string {
  return text.replace(/([\u3400-\u9fff，。？：；、）])[ \t]+(?=[\u3400-\u9fff（])/gu, '$1');
}
