export {
  exchangeDate,
  exchangeTime,
  holidayOn,
  isEarlyClose,
  isTradingDay,
  lastClosedSession,
  NYSE_TIME_ZONE,
  openSession,
  type Session,
  sessionOn,
  sessionsBetween,
} from './nyse.js';
