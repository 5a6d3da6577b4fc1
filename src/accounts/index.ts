export { type Caller, callerOf, canActAs, canRead, type Owner } from './caller.js';
export { createRateLimit, type RateLimit } from './rate-limits.js';
export { digest, looksLikeToken, newToken, TOKEN_PREFIX } from './secrets.js';
export { type AccountService, createAccountService } from './service.js';
export { createDataRights, type DataRights } from './data-rights.js';
