/**
 * Huawei Cloud's price calculator feed, one region's ECS answer to
 * `https://portal.huaweicloud.com/api/calculator/rest/cbc/portalcalculatornodeservice/v4/api/productInfo?urlPath=ecs&tag=general.online.portal&region=<region>`:
 *
 *   {"region": "cn-north-4", "product": {"ec2_vm": [
 *     {"resourceSpecCode": "s6.large.2.linux", "spec": "s6.large.2", "imageSpec": "linux", "cpu": "2vCPUs", "mem": "4GiB",
 *      "instanceArch": "x86", "acceleratorCard": "", "generation": "s6",
 *      "planList": [{"billingMode": "ONDEMAND", "amount": 0.39}, {"billingMode": "MONTHLY", "periodNum": 1, "amount": 187},
 *                   {"billingMode": "YEARLY", "periodNum": 1, "amount": 1870}]}, …]}}
 *
 * Read here: Linux images (`imageSpec` "linux"); `ONDEMAND` → pay-as-you-go per hour, `MONTHLY` (1 month) and
 * `YEARLY` (`periodNum` years) → subscriptions, written per month. GPUs from `acceleratorCard` ("2 * NVIDIA T4 / 2 * 16G").
 * Skipped, and counted: other images (Windows), plans of other kinds (RI…), multi-month monthly plans, items
 * without a price, regions not in catalog/providers.yaml, GPU cards whose model is not named. CNY (the zh-cn calculator).
 */
import {
  type FeedBilling,
  FeedFormatError,
  type FeedInstanceType,
  type FeedOptions,
  type FeedResult,
  feedRow,
  feedWhat,
  type GpuSpec,
  gpuModelIn,
  isObject,
  leadingNumber,
  parseJson,
  priceValue,
  SkipLog,
  sortRows,
} from './feed-common.js';

/** What the answer is: templates/<lang>/import.yaml, import.what.huawei-product. */
const WHAT = 'huawei-product';

/** The regions the calculator's menu offers ECS in: `menuInfos[].regionOnline.regionList` of the `ecs` entry. */
export function readHuaweiMenu(text: string): string[] {
  const raw = parseJson(text, 'huawei-menu');
  const menus = isObject(raw) ? raw.menuInfos : undefined;
  if (!Array.isArray(menus)) throw new FeedFormatError('import.feed.huawei.no-menus');
  const ecs = menus.find((m) => isObject(m) && m.urlPath === 'ecs');
  if (!isObject(ecs)) throw new FeedFormatError('import.feed.huawei.no-ecs');
  const list = isObject(ecs.regionOnline) ? ecs.regionOnline.regionList : undefined;
  if (!Array.isArray(list) || !list.every((r) => typeof r === 'string'))
    throw new FeedFormatError('import.feed.huawei.no-regions');
  return [...new Set(list as string[])].sort();
}

/** "2 * NVIDIA T4 / 2 * 16G" → 2 and the text after "*" (before "/"). */
function accelerator(card: string): { count: number; words: string } | undefined {
  const v = card.trim();
  if (!v || v === '0' || v === '-') return undefined;
  const head = v.split('/')[0] as string;
  const m = /^\s*(\d+)\s*\*\s*(.+)$/.exec(head);
  return m ? { count: Number(m[1]), words: (m[2] as string).trim() } : { count: 1, words: head.trim() };
}

export function readHuaweiFeed(text: string, opts: FeedOptions): FeedResult {
  const raw = parseJson(text, WHAT);
  if (!isObject(raw)) throw new FeedFormatError('import.feed.not-object', { what: feedWhat(WHAT) });
  const vms = isObject(raw.product) ? raw.product.ec2_vm : undefined;
  if (!Array.isArray(vms))
    throw new FeedFormatError('import.feed.no-list', { what: feedWhat(WHAT), field: 'product.ec2_vm' });
  const region = typeof raw.region === 'string' && raw.region ? raw.region : opts.region;
  if (!region) throw new FeedFormatError('import.feed.no-region', { what: feedWhat(WHAT) });
  if (opts.region && raw.region && raw.region !== opts.region)
    throw new FeedFormatError('import.feed.other-region', { said: String(raw.region), region: opts.region });
  const skipped = new SkipLog();
  const location = opts.locations.get(region);
  const types = new Map<string, FeedInstanceType>();
  const rows = [];
  const seen = new Set<string>();
  const ids = new Set<string>();

  for (const [i, vm] of vms.entries()) {
    if (!isObject(vm)) throw new FeedFormatError('import.feed.not-an-object', { at: `product.ec2_vm[${i}]` });
    const code = typeof vm.resourceSpecCode === 'string' ? vm.resourceSpecCode : undefined;
    const spec =
      typeof vm.spec === 'string' && vm.spec ? vm.spec : code?.replace(/\.(linux|win|windows)$/i, '') || undefined;
    const at = `product.ec2_vm[${i}]${spec ? ` (${spec})` : ''}`;
    if (!spec) throw new FeedFormatError('import.feed.huawei.no-spec', { at });
    const image = String(vm.imageSpec ?? (code && /\.linux$/i.test(code) ? 'linux' : ''));
    const example = `${spec} ${region}${image && image !== 'linux' ? ` ${image}` : ''}`;
    if (image.toLowerCase() !== 'linux') {
      skipped.add(`for other images (${image || 'not said'})`, example);
      continue;
    }
    if (!location) {
      skipped.add('in regions not in catalog/providers.yaml', example);
      continue;
    }
    const vcpu = leadingNumber(vm.cpu);
    const mem = leadingNumber(vm.mem);
    if (vcpu === undefined || mem === undefined)
      throw new FeedFormatError('import.feed.huawei.cpu-mem', {
        at,
        cpu: JSON.stringify(vm.cpu) ?? 'undefined',
        mem: JSON.stringify(vm.mem) ?? 'undefined',
      });
    let gpu: GpuSpec | undefined;
    const card = typeof vm.acceleratorCard === 'string' ? accelerator(vm.acceleratorCard) : undefined;
    if (card) {
      const model = gpuModelIn(card.words, opts.gpuModels) ?? opts.gpuOf?.(spec)?.model;
      if (!model) {
        skipped.add('GPU types whose GPU model is not named', example);
        continue;
      }
      gpu = { model, count: card.count };
    }
    if (!Array.isArray(vm.planList)) throw new FeedFormatError('import.feed.field-not-list', { at, field: 'planList' });
    if (seen.has(spec)) {
      skipped.add('repeated specs (the first is read)', example);
      continue;
    }
    seen.add(spec);
    if (!types.has(spec))
      types.set(spec, {
        provider: 'huawei',
        type: spec,
        family: typeof vm.generation === 'string' && vm.generation ? vm.generation : (spec.split('.')[0] as string),
        vcpu,
        memoryGiB: mem,
        gpu: gpu ?? null,
        arch:
          typeof vm.instanceArch === 'string' && /arm|kunpeng/i.test(vm.instanceArch)
            ? 'arm64'
            : typeof vm.instanceArch === 'string' && /x86/i.test(vm.instanceArch)
              ? 'x86_64'
              : null,
      });
    let priced = 0;
    for (const [j, plan] of vm.planList.entries()) {
      const where = `${at}.planList[${j}]`;
      if (!isObject(plan)) throw new FeedFormatError('import.feed.not-an-object', { at: where });
      const mode = String(plan.billingMode ?? '').toUpperCase();
      const period = plan.periodNum === undefined || plan.periodNum === null ? 1 : Number(plan.periodNum);
      if (!Number.isInteger(period) || period < 1)
        throw new FeedFormatError('import.feed.not-whole', {
          where: `${where}.periodNum`,
          said: JSON.stringify(plan.periodNum) ?? 'undefined',
        });
      let billing: FeedBilling;
      if (mode === 'ONDEMAND') billing = { mode: 'payg' };
      else if (mode === 'MONTHLY' && period === 1) billing = { mode: 'subscription', months: 1 };
      else if (mode === 'YEARLY') billing = { mode: 'subscription', months: 12 * period };
      else {
        skipped.add(
          mode === 'MONTHLY' ? 'monthly plans of several months' : `plans of other kinds (${mode || 'none'})`,
          example,
        );
        continue;
      }
      const amount = priceValue(plan.amount, `${where}.amount`);
      if (amount === undefined) continue;
      const row = feedRow(
        {
          provider: 'huawei',
          service: 'ECS',
          instanceType: spec,
          region,
          location,
          billing,
          amount,
          currency: opts.currency ?? 'CNY',
          vcpu,
          memoryGiB: mem,
          gpu,
          quote: `productInfo ${region} ${code ?? spec} ${mode}${plan.periodNum !== undefined ? ` periodNum ${period}` : ''} amount ${amount}`,
        },
        opts,
      );
      if (ids.has(row.id)) {
        skipped.add('repeated plans (the first is read)', example);
        continue;
      }
      ids.add(row.id);
      priced++;
      rows.push(row);
    }
    if (!priced) skipped.add('without a price', example);
  }
  return {
    prices: sortRows(rows),
    instanceTypes: [...types.values()],
    skipped: skipped.list(),
    regions: rows.length ? [region] : [],
  };
}
