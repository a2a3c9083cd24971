/**
 * The environment variables each price-API adapter reads its credentials from (the same as each adapter's
 * `credentialVars`; test/refresh/credentials.test.ts keeps them equal). Kept apart from the adapters so the bot's
 * logger can redact these secrets without loading the providers' SDKs.
 */
import type { RefreshProvider } from '../catalog/schema.js';

export const CREDENTIAL_VARS: Readonly<Record<RefreshProvider, readonly string[]>> = {
  alibaba: ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
  tencent: ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY'],
  huawei: ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_PROJECT_ID'],
  volcengine: ['VOLC_ACCESSKEY', 'VOLC_SECRETKEY'],
};
