/**
 * A hand-written checker with exactly the Customer Session schema's semantics: the baseline the
 * generated `isCustomerSession` is measured against. Written the way a careful person would write it
 * for this one schema: five required fields, string types, lengths in code points, the full RFC 3339
 * date-time check (the same answers as ajv-formats' `date-time` in full mode), the country as a Set
 * lookup, and unknown keys allowed.
 */
import { readFileSync } from 'node:fs';

const schemaUrl = new URL('../schema/customer-session.schema.json', import.meta.url);
/** The 249 codes come from the committed canonical schema, so the checker and the generated code agree on data. */
const COUNTRIES = new Set(JSON.parse(readFileSync(schemaUrl, 'utf8')).$defs.CountryCode.enum);

/** Code points, not UTF-16 units: a surrogate pair is one character, a lone surrogate is one too. */
function lengthIn(text, min, max) {
  const units = text.length;
  // Code points never exceed units and are at least half of them: most strings are decided here.
  if (units < min || (units + 1) >> 1 > max) return false;
  let points = units;
  for (let i = 0; i < units - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        points--;
        i++;
      }
    }
  }
  return points >= min && points <= max;
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The digit at `i` as a number, or NaN-like -100 so any sum involving it stays negative. */
function digit(text, i) {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57 ? c - 48 : -100;
}

function pair(text, i) {
  return digit(text, i) * 10 + digit(text, i + 1);
}

/** The characters JavaScript's `\s` accepts as the date/time separator (ajv-formats splits on /t|\s/i). */
function isSpace(c) {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * RFC 3339 `date-time` with a required offset: `YYYY-MM-DD`, `T`/`t`/whitespace, `hh:mm:ss[.frac]`,
 * `Z`/`z` or `±hh[[:]mm]`; a real calendar day; 23:59:60 only when it is 23:59 UTC.
 */
export function isDateTime(text) {
  const n = text.length;
  if (n < 20) return false;
  const year = pair(text, 0) * 100 + pair(text, 2);
  const month = pair(text, 5);
  const day = pair(text, 8);
  if (year < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : MONTH_DAYS[month])) return false;
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && !isSpace(sep)) return false;
  const hour = pair(text, 11);
  const minute = pair(text, 14);
  if (hour < 0 || minute < 0 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  let i = 19;
  let second = pair(text, 17);
  if (second < 0) return false;
  if (text.charCodeAt(i) === 46) {
    i++;
    const start = i;
    while (i < n && digit(text, i) >= 0) i++;
    if (i === start) return false;
    // The reference reads seconds with Number(), so 59.9999999999999999 rounds to 60 there too.
    second = Number(text.slice(17, i));
  }
  const zone = text.charCodeAt(i);
  let zoneHour = 0;
  let zoneMinute = 0;
  let sign = 1;
  if (zone === 90 || zone === 122) {
    if (i + 1 !== n) return false;
  } else if (zone === 43 || zone === 45) {
    if (zone === 45) sign = -1;
    zoneHour = pair(text, i + 1);
    if (zoneHour < 0) return false;
    i += 3;
    if (i < n) {
      if (text.charCodeAt(i) === 58) i++;
      zoneMinute = pair(text, i);
      if (zoneMinute < 0 || i + 2 !== n) return false;
    }
    if (zoneHour > 23 || zoneMinute > 59) return false;
  } else {
    return false;
  }
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  const utcMinute = minute - zoneMinute * sign;
  const utcHour = hour - zoneHour * sign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}

/** Whether `value` is a valid Customer Session (unknown keys allowed). */
export function isCustomerSessionByHand(value) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const session = value.customer_session;
  if (typeof session !== 'string' || !lengthIn(session, 36, 64)) return false;
  const customer = value.customer_id;
  if (typeof customer !== 'string' || !lengthIn(customer, 36, 64)) return false;
  const country = value.country;
  if (typeof country !== 'string' || !COUNTRIES.has(country)) return false;
  const callback = value.callback_url;
  if (typeof callback !== 'string' || !lengthIn(callback, 3, 526)) return false;
  const created = value.created_at;
  return typeof created === 'string' && isDateTime(created) && lengthIn(created, 27, 27);
}
