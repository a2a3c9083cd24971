/**
 * Step 6: the machine: vCPU and memory ("4c8g", "16核64G", "8 vCPU 32GB", "8 vCPUs / 32 GiB RAM") and how many
 * ("2台", "3 instances", "3 x 4C16G", "4C16G x5").
 */
import { withdrawn } from './corrections.js';
import { NUM } from './numbers.js';
import type { ParseState } from './state.js';
import { blank, type Work } from './work.js';

const CPU_MEMORY_SHAPE = new RegExp(
  `${NUM}\\s*(?:c|核|vcpus?|cores?)\\s*[,/+、]?\\s*${NUM}\\s*(?:g|gb|gib|g内存)(?!(?!x\\s*\\d)[A-Za-z])`,
  'giu',
);
const VCPUS = new RegExp(`${NUM}\\s*(?:-\\s*)?(?:v-?cpus?|vcores?|cpus?|cores?|核)(?![A-Za-z])`, 'giu');
const MEMORY_AFTER_VCPUS = new RegExp(
  `^\\s*(?:,|/|and|with|\\+|、|和)?\\s*${NUM}\\s*(?:g|gb|gib|gigs?)(?![A-Za-z])(?:\\s*(?:of\\s+)?(?:ram|memory|mem|内存))?`,
  'iu',
);
const MEMORY_SIZE = new RegExp(`${NUM}\\s*(?:g|gb|gib|gigs?)\\s*(?:of\\s+)?(?:ram|memory|mem|内存)`, 'giu');
const MEMORY_NAMED = new RegExp(`(?:ram|memory|内存)\\s*[:：]?\\s*${NUM}\\s*(?:g|gb|gib)(?![A-Za-z])`, 'giu');
const INSTANCES =
  /(\d+)\s*-?\s*(?:x\s*)?(?:(?:web|app|application|api|db|database|backend|worker|build|game|cpu|gpu|compute|linux|windows)\s+)?(?:台|部(?![分门署件])|instances?|nodes?|servers?|vms?|machines?|hosts?|box(?:es)?|replicas?|units?|pcs|个实例|个节点|of (?:them|those|these|'?em)|copies|(?:ecs|cvms?|ec2s?|bcc|uhosts?)(?![A-Za-z.-]))(?![A-Za-z])/giu;
/**
 * A bare count after a verb of running or buying, ending its clause: "we'd run 4", "need 6 of them", "we'd take 10",
 * "要跑 6 个", "打算订 8 个".
 */
const RUN_COUNT =
  /\b(?:we(?:'d|'ll| would| will| need to| plan to| want to| will need to)?|i(?:'d|'ll| would| will)?|going to|gonna|planning to|need to|want to|plan to)\s+(?:run|need|deploy|use|want|have|keep|spin up|buy|get|rent|take|order|purchase|reserve|lease|provision|grab|commit to)\s+(\d{1,4})(?:\s+of (?:them|those|these|it|'?em))?(?=\s*(?:[.,;!?)]|$))|(?:要|需要|得|打算|准备|计划)(?:跑|开|买|用|上|部署|租|拿|订|采购|下单)\s*(\d{1,4})\s*(?:个|套)?(?=\s*(?:[。，,；;！!？?]|$))/giu;
/** A count right before a machine shape ("20 x 8c16g", "10台 4核8G", "3 个"). */
const COUNT_BEFORE_SHAPE = /(?<![\d.])(\d{1,4})\s*(?:x|\*|台|个|套)\s*$/iu;
const TIMES = /(?<![A-Za-z0-9])[x*]\s*(\d+)(?![\d.A-Za-z])/giu;

/** "3 x 4C16G", "2x 8 vCPU", "4C16G x5": the count of instances written next to a machine shape. */
function instancesAround(
  w: Work,
  wl: ParseState['wl'],
  m: RegExpExecArray,
  before: string,
  after: string,
  bare = false,
): void {
  if (wl.instances !== null) return;
  // "3 x 4C16G", "2台 8核", "3 个 4核8G 的实例", "3 of the 8c32g"; before a whole shape, a bare count ("need 20 4c8g"),
  // not the digit ending a family name ("tencent sa5 16c32g", "g7 4c16g").
  const pre =
    /(\d+)\s*(?:x|台|个|套|of(?:\s+(?:the|those|these))?)\s*$/i.exec(before) ??
    (bare ? /(?<![\d.:\-/A-Za-z])(\d{1,4})\s+$/.exec(before) : null);
  const post = /^(?:\s*(?:g|gb|gib)?\s*(?:ram|memory)?)?[\s,]*(?:x|\*)\s*(\d+)(?![\d.])/i.exec(after);
  if (pre) {
    wl.instances = Number(pre[1]);
    blank(w, m.index - pre[0].length, pre[0].length);
  } else if (post) {
    wl.instances = Number(post[1]);
    blank(w, m.index + m[0].length, post[0].length);
  }
}

/**
 * "2x L40S … sorry, make that 4", "五台 … 不对，改成六", "4 x c8y.2xlarge — sorry, 6. alibaba": a bare count after a
 * correction, ending the sentence or its clause, replacing the count said before.
 */
const COUNT_AFTER_CUE =
  /^\s*[，,:：]?\s*(?:是|要|改成|改为|应该是|make (?:that|it)|to)?\s*(?:x\s*)?(\d{1,4})\s*(?:x|张|卡|台|cards?|gpus?|instances?|servers?|machines?|nodes?)?\s*(?:[.!?。！]*\s*$|\.(?!\d)|[!?。！,，;；:：)）]|\s*[—–]|\s+-\s|(?<=[张卡台])\s*[\u3400-\u9fff]|\s(?!\s*(?:个|月|年|周|天|日|小时|核))\s*[\u3400-\u9fff])/iu;

/** The first count said right after one of the lexicon's correction cues: its number, where it starts and its length. */
function correctedCount(text: string, corrections: RegExp[]): { n: number; index: number; length: number } | null {
  let best: { n: number; index: number; length: number } | null = null;
  for (const c of corrections) {
    for (let from = 0, cue = c.exec(text); cue; cue = c.exec(text.slice(from))) {
      const at = from + cue.index + cue[0].length;
      const m = COUNT_AFTER_CUE.exec(text.slice(at));
      if (m) {
        const start = from + cue.index;
        if (!best || start < best.index) best = { n: Number(m[1]), index: start, length: at - start + m[0].length };
        break;
      }
      from = at + (cue[0].length === 0 ? 1 : 0);
    }
  }
  return best;
}

/** `corrections`: the lexicon's correction cues ("8c32g, no sorry 16c64g": the first shape is withdrawn). */
export function readMachines(s: ParseState, corrections: RegExp[]): void {
  const { w, wl, notes, say } = s;
  const shapes = [...w.text.matchAll(CPU_MEMORY_SHAPE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  // "20 x 8c16g … sorry, make that 16c32g": the count said with a corrected shape stays, unless the new one has its own.
  let carried: number | null = null;
  for (const gone of withdrawn(w.text, shapes, corrections)) {
    notes.push(say('parse.corrected', { said: w.text.slice(gone.start, gone.end).trim() }));
    const count = COUNT_BEFORE_SHAPE.exec(w.text.slice(Math.max(0, gone.start - 12), gone.start));
    if (count) carried = Number(count[1]);
    const from = count ? gone.start - count[0].length : gone.start;
    blank(w, from, gone.end - from);
  }
  // "五台，不对，是六台", "3 servers, sorry, 4 servers": a count followed by a correction is withdrawn.
  const counts = [...w.text.matchAll(INSTANCES)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  for (const gone of withdrawn(w.text, counts, corrections)) {
    notes.push(say('parse.corrected', { said: w.text.slice(gone.start, gone.end).trim() }));
    blank(w, gone.start, gone.end - gone.start);
  }
  // Looked for before the counts are taken: "ecs.g7.2xlarge 3台，算了，5台" (the type's count is already read).
  const fix = correctedCount(w.text, corrections);
  w.take(CPU_MEMORY_SHAPE, (m, before, after) => {
    wl.vcpu ??= Number(m[1]);
    wl.memoryGiB ??= Number(m[2]);
    instancesAround(w, wl, m, before, after, true);
    // "an 8c32g box", "a 4c8g server": one.
    if (
      wl.instances === null &&
      /(?:^|[^A-Za-z])an?\s+$/i.test(before) &&
      /^\s*(?:box|server|instance|machine|vm|host|node|cvm|ecs)\b/i.test(after)
    )
      wl.instances = 1;
    return true;
  });
  w.take(VCPUS, (m, before, after) => {
    wl.vcpu ??= Number(m[1]);
    instancesAround(w, wl, m, before, after);
    const mem = MEMORY_AFTER_VCPUS.exec(after);
    if (mem && wl.memoryGiB === null) {
      wl.memoryGiB = Number(mem[1]);
      blank(w, m.index + m[0].length, mem[0].length);
    }
    return true;
  });
  w.take(MEMORY_SIZE, (m) => {
    wl.memoryGiB ??= Number(m[1]);
    return true;
  });
  w.take(MEMORY_NAMED, (m) => {
    wl.memoryGiB ??= Number(m[1]);
    return true;
  });
  // Instances: "2台", "3 instances", "2x 8 vCPU" (the vCPU part is already consumed).
  w.take(INSTANCES, (m) => {
    wl.instances ??= Number(m[1]);
    return true;
  });
  if (wl.instances === null && carried !== null && (wl.vcpu || wl.memoryGiB)) wl.instances = carried;
  if (fix && (wl.gpu || wl.instances !== null)) {
    const n = fix.n;
    // GPUs alone: the count is the cards'; otherwise it is the machines'.
    if (wl.gpu && !wl.vcpu && !wl.instanceType && wl.instances === null) wl.gpu = { ...wl.gpu, count: n };
    else wl.instances = n;
    blank(w, fix.index, fix.length);
  }
  // "8 vCPU 32GiB batch workers, x5": a lone "x5" after a machine shape counts the machines.
  if (wl.vcpu || wl.memoryGiB || wl.instanceType)
    w.take(TIMES, (m) => {
      if (wl.instances !== null) return false;
      wl.instances = Number(m[1]);
      return true;
    });
  // "m8i.4xlarge in frankfurt … we'd run 4", "4核16G，要跑 6 个": a bare count of the machine just described.
  if ((wl.vcpu || wl.memoryGiB || wl.instanceType) && wl.instances === null)
    w.take(RUN_COUNT, (m) => {
      wl.instances = Number(m[1] ?? m[2]);
      return true;
    });
}
