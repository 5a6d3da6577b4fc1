export {
  createSlackBot,
  mountSlackEvents,
  SLACK_EVENTS_PATH,
  type SlackBot,
  type SlackBotOptions,
} from './app.js';
export { createPacer, type Pacer } from './pacer.js';
export { createSlackPoster, type SlackPoster } from './poster.js';
export { createSlackSummaryPoster } from './summary-poster.js';
