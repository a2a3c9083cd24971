/**
 * Step 5: GPUs: "2x A10", "two T4s", "4 x L20", "2张A10", "8卡H800", "A10 x2", "an A10", the cards a server holds
 * ("8卡服务器 2台 H800"), a count said apart ("H20 in Beijing, 8 cards"), or a count with no model ("改成 4 张卡").
 */
import { withdrawn } from './corrections.js';
import type { GpuNames } from './gpu-names.js';
import { SIDE_SEPARATOR } from './intent.js';
import type { ParseState } from './state.js';
import { blank } from './work.js';

/** A count of GPUs written apart from the model ("…, 8 cards", "8张卡", "128 GPUs"), not of machines ("8 GPU nodes"). */
const GPU_COUNT_APART =
  /(?<![\d.A-Za-z])(\d+)\s*-?\s*(?:cards?|gpus?)(?![A-Za-z])(?![\s-]*(?:nodes?|servers?|instances?|machines?|hosts?|vms?|boxes|台|hours?|hrs?|h\b|小时))|(?<![\d.])(\d+)\s*(?:(?:张|块)\s*(?:卡|显卡)?|卡|显卡)(?!\s*(?:服务器|机器|节点|台|时|小时|nodes?|servers?|instances?|machines?))/giu;
/** Machines right after a GPU model ("H800 nodes", "A100 servers", "H20 机器"). */
const GPU_MACHINES_AFTER =
  /^\s*(?:nodes?|servers?|machines?|boxes|hosts?|instances?|vms?|服务器|机器|节点|整机)(?![A-Za-z])/iu;
/**
 * GPUs a server holds ("8卡服务器", "8卡的机器", "8-GPU nodes", "an 8 GPU server"): a count per instance, with the
 * number of servers said apart ("2台", "two 8-GPU nodes"). "8 GPU nodes" (no hyphen, plural) stays 8 nodes.
 */
const GPU_PER_SERVER =
  /(?<![\d.A-Za-z])(\d+)\s*(?:张|块)?\s*(?:卡|显卡|gpu)\s*(?:的)?\s*(?:服务器|机器|节点|整机|裸金属|主机|实例)|(?<![\d.A-Za-z])(\d+)(?:-(?:gpus?|cards?)\s*(?:servers?|nodes?|machines?|boxes|box|hosts?|instances?|vms?)|\s*(?:gpus?|cards?)\s+(?:server|node|machine|box|host|instance|vm))(?![A-Za-z])/giu;
/** Servers said right before a count ("8卡服务器 x3", "GPU nodes x2"). */
const SERVERS_BEFORE = /(?:服务器|机器|节点|整机|主机|servers?|nodes?|machines?|box(?:es)?|hosts?)\s*(?:[x*]\s*)?$/iu;
/**
 * A count right before a GPU name ("2x", "8卡", "4 GPUs of", "3个T4"; not "同一个 4090", "每个A10", nor the tail of a
 * region code or name: "cn-north-9 910B", "ap-southeast-1 H100").
 */
const COUNT_BEFORE =
  /(?<![同每这那哪第A-Za-z_-])(\d+(?:\.\d+)?)\s*(?:x|\*|张|块|卡|片|颗|个|pcs?|-?\s*gpus?(?:\s+of)?|-?\s*cards?(?:\s+of)?|units?(?:\s+of)?)?\s*(?:nvidia\s+)?$/i;
/** A count right after a GPU name ("x2", ", 8张"). */
const COUNT_AFTER = /^\s*(?:gpus?|cards?)?\s*(?:x|\*)\s*(\d+)|^[\s,]*(\d+)\s*(?:张|块|卡|片|颗|cards?\b|gpus?\b)/i;

/** Reads the GPUs into the workload; true when a second, different GPU was named (a rival to compare). */
export function readGpus(s: ParseState, gpus: GpuNames, corrections: RegExp[], gpuFromType: boolean): boolean {
  const { w, wl, notes, vague, say } = s;
  let secondGpu = false;
  // "2x A10, sorry I meant 2x L20": a GPU the user corrected is withdrawn, with its count.
  const spans = [...w.text.matchAll(gpus.re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  // "A10 or L20? never mind, just go with L20": the L20 named again is the one read (its earlier mention is not noted).
  const repeats = new Set<(typeof spans)[number]>();
  // "4x A10 … sorry, make that L20": the corrected GPU's count stays with the new one, unless it has its own.
  let carried: number | null = null;
  for (const g of withdrawn(w.text, spans, corrections, undefined, repeats)) {
    const count = /(\d+(?:\.\d+)?)\s*(?:x|\*|张|块|卡|个)?\s*$/i.exec(w.text.slice(Math.max(0, g.start - 8), g.start));
    if (count && !repeats.has(g)) carried = Number(count[1]);
    const from = count ? g.start - count[0].length : g.start;
    if (!repeats.has(g)) notes.push(say('parse.corrected', { said: w.text.slice(from, g.end).trim() }));
    blank(w, from, g.end - from);
  }
  let lastEnd = -1;
  w.take(gpus.re, (m, before, after) => {
    const model = gpus.model(m[1] as string);
    if (gpuFromType && wl.gpu?.model === model) return true;
    // "8x H20 on Volcano or 8x H20 on Alibaba": the same GPU on both sides of a comparison is not twice the GPUs.
    const otherSide = lastEnd >= 0 && SIDE_SEPARATOR.test(w.text.slice(lastEnd, m.index));
    lastEnd = m.index + m[0].length;
    let count: number | null = null;
    const pre = COUNT_BEFORE.exec(before);
    const post = COUNT_AFTER.exec(after);
    // "4 H800 nodes (8 GPUs each)": the number before counts the machines, not the cards.
    // "8卡服务器 x3 H800": the count right after the servers counts them, not the cards.
    const lead = pre ? before.slice(0, before.length - pre[0].length) : '';
    const afterServers = pre && SERVERS_BEFORE.test(lead) && (/[x*]\s*$/i.test(lead) || /[x*]/i.test(pre[0]));
    const machines =
      pre &&
      wl.instances === null &&
      (afterServers || (!/[张块卡片颗x*]|gpu|card|unit/i.test(pre[0]) && GPU_MACHINES_AFTER.test(after)));
    if (machines) wl.instances = Number(pre[1]);
    else if (pre) count = Number(pre[1]);
    else if (post) count = Number(post[1] ?? post[2]);
    else if (/\b(?:an?|1)\s*$/i.test(before)) count = 1;
    // "does the A10 price include the disk? 2x A10 hangzhou": the model said again without a count is the same cards,
    // and a count said with it replaces the one assumed for the bare mention (it does not add to it).
    const said = count !== null;
    if (count === null) {
      count = 1;
      if (!wl.gpu) {
        vague.gpuCountAssumed = true;
        notes.push(say('parse.gpu-count-assumed', { model }));
      }
    }
    if (count > 0 && !wl.gpu) wl.gpu = { model, count };
    else if (wl.gpu && wl.gpu.model === model && !gpuFromType && !otherSide) {
      if (said && vague.gpuCountAssumed) {
        wl.gpu.count = count;
        vague.gpuCountAssumed = false;
        const i = notes.indexOf(say('parse.gpu-count-assumed', { model }));
        if (i >= 0) notes.splice(i, 1);
      } else if (said) wl.gpu.count += count;
    } else if (wl.gpu && wl.gpu.model !== model) {
      secondGpu = true;
      // "华为910B 对比 阿里H20，8卡", "A100 or H100, 4 cards": one count said for two GPUs set side by side is the count
      // of both (like for like), not of the second alone.
      if (said && vague.gpuCountAssumed && !gpuFromType) {
        wl.gpu.count = count;
        vague.gpuCountAssumed = false;
        const i = notes.indexOf(say('parse.gpu-count-assumed', { model: wl.gpu.model }));
        if (i >= 0) notes.splice(i, 1);
      }
      notes.push(say('parse.second-gpu', { count, model, firstCount: wl.gpu.count, firstModel: wl.gpu.model }));
    }
    if (m[2]) notes.push(say('parse.gpu-memory', { said: m[0].trim(), model }));
    if (pre) blank(w, m.index - pre[0].length, pre[0].length);
    else if (post) blank(w, m.index + m[0].length, post[0].length);
    return true;
  });
  if (wl.gpu && vague.gpuCountAssumed && !gpuFromType && carried !== null && carried > 0) {
    wl.gpu.count = carried;
    vague.gpuCountAssumed = false;
    const i = notes.indexOf(say('parse.gpu-count-assumed', { model: wl.gpu.model }));
    if (i >= 0) notes.splice(i, 1);
  }
  // "8卡服务器 2台 H800", "two 8-GPU nodes of H100": the cards a server holds, and the servers before it.
  if (wl.gpu && vague.gpuCountAssumed && !gpuFromType) {
    const gpu = wl.gpu;
    w.take(GPU_PER_SERVER, (m, before, after) => {
      if (!vague.gpuCountAssumed) return false;
      gpu.count = Number(m[1] ?? m[2]);
      vague.gpuCountAssumed = false;
      const i = notes.indexOf(say('parse.gpu-count-assumed', { model: gpu.model }));
      if (i >= 0) notes.splice(i, 1);
      const servers = /(\d+)\s*(?:x|\*|台)?\s*$/i.exec(before);
      // "8-GPU server x2", "8卡服务器 *3": the count of servers after them.
      const times = /^\s*(?:x|\*)\s*(\d+)(?![\d.])/i.exec(after);
      if (servers && wl.instances === null) {
        wl.instances = Number(servers[1]);
        blank(w, m.index - servers[0].length, servers[0].length);
      } else if (times && wl.instances === null) {
        wl.instances = Number(times[1]);
        blank(w, m.index + m[0].length, times[0].length);
      }
      return true;
    });
  }
  // "H20 in Beijing, 8 cards", "H800 … 128 GPUs": a count of cards said apart from the model.
  if (wl.gpu && vague.gpuCountAssumed && !gpuFromType) {
    const gpu = wl.gpu;
    w.take(GPU_COUNT_APART, (m) => {
      if (!vague.gpuCountAssumed) return false;
      gpu.count = Number(m[1] ?? m[2]);
      vague.gpuCountAssumed = false;
      const i = notes.indexOf(say('parse.gpu-count-assumed', { model: gpu.model }));
      if (i >= 0) notes.splice(i, 1);
      return true;
    });
  }
  // "改成 4 张卡", "make it 8 GPUs": a count of cards with no model, which a follow-up applies to the last GPU.
  if (!wl.gpu)
    w.take(GPU_COUNT_APART, (m) => {
      if (vague.gpuCount !== undefined) return false;
      vague.gpuCount = Number(m[1] ?? m[2]);
      return true;
    });
  if (!wl.gpu && (vague.gpuCount !== undefined || /\bgpus?\b|显卡|算力卡|gpu/i.test(w.text)))
    vague.gpuWithoutModel = true;
  return secondGpu;
}
