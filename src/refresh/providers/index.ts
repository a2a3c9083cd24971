/** The price-API adapters `procure catalog refresh` uses, one per provider. */
import type { RefreshProvider } from '../../catalog/schema.js';
import type { SourceFactory } from '../types.js';
import { alibabaFactory } from './alibaba.js';
import { huaweiFactory } from './huawei.js';
import { tencentFactory } from './tencent.js';
import { volcengineFactory } from './volcengine.js';

export const PRICE_SOURCES: Readonly<Record<RefreshProvider, SourceFactory>> = {
  alibaba: alibabaFactory,
  tencent: tencentFactory,
  huawei: huaweiFactory,
  volcengine: volcengineFactory,
};
