// Every table, one file per area. drizzle-kit reads this file to generate migrations.
export * from './people.js';
export * from './conversation.js';
export * from './market.js';
export * from './evaluations.js';
export * from './audit.js';
export * from './market-context.js';
export * from './knowledge.js';
export * from './trading.js';
export * from './news.js';
export * from './reviews.js';
export * from './accounts.js';
export * from './outbox.js';
export * from './events.js';
