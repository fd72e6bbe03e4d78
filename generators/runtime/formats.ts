/** The string formats the validators check (`date`, `date-time`), with the answers of ajv-formats' full mode. */

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `YYYY-MM-DD` at the start of `text` names a real calendar day (leap years per RFC 3339 appendix C). */
function datePart(text: string): boolean {
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1) return false;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = century * 100 + yy;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month] as number));
}

/** JSON Schema `format: "date"` (RFC 3339 full-date), with the same answers as ajv-formats' full mode. */
export function isDate(text: string): boolean {
  return text.length === 10 && datePart(text);
}

// The characters JavaScript's `\s` matches: the date-time separator may be any of them, or `T`/`t`.
const SPACE = /^\s$/;

/**
 * JSON Schema `format: "date-time"` (RFC 3339 date-time, offset required, leap second only at 23:59:60 UTC),
 * with the same answers as ajv-formats' full mode, without regular expressions on the common path.
 */
export function isDateTime(text: string): boolean {
  const length = text.length;
  if (length < 20 || !datePart(text)) return false;
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && !SPACE.test(text.charAt(10))) return false;
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const whole = twoDigits(text, 17);
  if (hour < 0 || minute < 0 || whole < 0 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  let at = 19;
  let second = whole;
  if (text.charCodeAt(at) === 46) {
    at++;
    while (at < length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at++;
    if (at === 20) return false;
    // Below 59 whole seconds the fraction cannot reach 60; otherwise parse like the reference, rounding included.
    if (whole >= 59) second = +text.slice(17, at);
  }
  let offsetHour = 0;
  let offsetMinute = 0;
  let sign = 1;
  const zone = text.charCodeAt(at);
  if (zone === 90 || zone === 122) {
    if (at + 1 !== length) return false;
  } else if (zone === 43 || zone === 45) {
    sign = zone === 45 ? -1 : 1;
    offsetHour = twoDigits(text, at + 1);
    if (offsetHour < 0) return false;
    at += 3;
    if (text.charCodeAt(at) === 58) at++;
    if (at !== length) {
      offsetMinute = twoDigits(text, at);
      if (offsetMinute < 0 || at + 2 !== length) return false;
    } else if (text.charCodeAt(at - 1) === 58) {
      return false;
    }
    if (offsetHour > 23 || offsetMinute > 59) return false;
  } else {
    return false;
  }
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  // 23:59:60 is allowed once converted to UTC (a leap second).
  const utcMinute = minute - offsetMinute * sign;
  const utcHour = hour - offsetHour * sign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}
