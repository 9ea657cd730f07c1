// moment.js's `format()` for the English locale, on Node's built-in time-zone data (`Intl.DateTimeFormat`, full
// ICU) instead of moment-timezone's bundled zone tables. docker/metadata-action formats `{{date}}` and
// `{{commit_date}}` with `moment(date).tz(tz).format(format)` (src/meta.ts); this file reproduces that output.
// Token table, padding and ordinals follow moment 2.31 (src/lib/format/format.js, src/lib/units/*.js,
// src/lib/locale/en.js); test/tags/moment-format.test.ts compares it with moment-timezone over every token,
// several zones and dates from 1970 to 2030, and the wall clock in every zone moment-timezone knows.

/**
 * moment's formatting-token pattern, verbatim (moment src/lib/format/format.js `formattingTokens`): a `[...]`
 * literal, an optional backslash escape, then the longest token or any other single character.
 */
const FORMATTING_TOKENS =
  /(\[[^[]*\])|(\\)?([Hh]mm(ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|N{1,5}|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(ggg?)?|GG(GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)/g;

/** moment's localized-format pattern (`localFormattingTokens`). */
const LOCAL_FORMATTING_TOKENS = /(\[[^[]*\])|(\\)?(LTS|LT|LL?L?L?|l{1,4})/g;

/** The English locale's long date formats (moment src/lib/locale/base-config.js `defaultLongDateFormat`). */
const LONG_DATE_FORMATS: Record<string, string> = {
  LTS: 'h:mm:ss A',
  LT: 'h:mm A',
  L: 'MM/DD/YYYY',
  LL: 'MMMM D, YYYY',
  LLL: 'MMMM D, YYYY h:mm A',
  LLLL: 'dddd, MMMM D, YYYY h:mm A',
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** moment's default formats when `format()` gets no format (moment src/lib/moment/format.js). */
const DEFAULT_FORMAT = 'YYYY-MM-DDTHH:mm:ssZ';
const DEFAULT_FORMAT_UTC = 'YYYY-MM-DDTHH:mm:ss[Z]';

/** The wall-clock fields of one instant in one zone, as moment's getters return them. */
interface WallClock {
  readonly year: number;
  /** 0-11. */
  readonly month: number;
  readonly date: number;
  /** 0 (Sunday) to 6. */
  readonly day: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly milliseconds: number;
  /** Offset from UTC in minutes (east positive; fractional for a few zones before 1972). */
  readonly offset: number;
  /** Milliseconds since the epoch. */
  readonly epoch: number;
}

/** moment's `zeroFill` (src/lib/utils/zero-fill.js). */
function zeroFill(value: number, length: number, forceSign = false): string {
  const digits = String(Math.abs(value));
  const sign = value >= 0 ? (forceSign ? '+' : '') : '-';
  return sign + '0'.repeat(Math.max(0, length - digits.length)) + digits;
}

/** The English locale's ordinal (src/lib/locale/en.js). */
function ordinal(n: number): string {
  const b = n % 10;
  const suffix = Math.trunc((n % 100) / 10) === 1 ? 'th' : b === 1 ? 'st' : b === 2 ? 'nd' : b === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function dayOfYear(w: WallClock): number {
  return Math.round((Date.UTC(w.year, w.month, w.date) - Date.UTC(w.year, 0, 1)) / 864e5) + 1;
}

/** moment's `firstWeekOffset` (src/lib/units/week-calendar-utils.js); `dow` first day of week, `doy` its rule. */
function firstWeekOffset(year: number, dow: number, doy: number): number {
  const fwd = 7 + dow - doy;
  const fwdlw = (7 + new Date(Date.UTC(year, 0, fwd)).getUTCDay() - dow) % 7;
  return -fwdlw + fwd - 1;
}

function weeksInYear(year: number, dow: number, doy: number): number {
  return ((isLeapYear(year) ? 366 : 365) - firstWeekOffset(year, dow, doy) + firstWeekOffset(year + 1, dow, doy)) / 7;
}

/** moment's `weekOfYear`: the week and its week-year. ISO weeks: dow 1, doy 4; English locale weeks: dow 0, doy 6. */
function weekOfYear(w: WallClock, dow: number, doy: number): { week: number; year: number } {
  const week = Math.floor((dayOfYear(w) - firstWeekOffset(w.year, dow, doy) - 1) / 7) + 1;
  if (week < 1) return { week: week + weeksInYear(w.year - 1, dow, doy), year: w.year - 1 };
  if (week > weeksInYear(w.year, dow, doy)) return { week: week - weeksInYear(w.year, dow, doy), year: w.year + 1 };
  return { week, year: w.year };
}

const locale = (w: WallClock) => weekOfYear(w, 0, 6);
const iso = (w: WallClock) => weekOfYear(w, 1, 4);
const hour12 = (w: WallClock) => w.hours % 12 || 12;
const zoneOffset = (separator: string) => (w: WallClock) => {
  const sign = w.offset < 0 ? '-' : '+';
  const abs = Math.abs(w.offset);
  return sign + zeroFill(Math.trunc(abs / 60), 2) + separator + zeroFill(Math.trunc(abs) % 60, 2);
};

/** One function per moment token (src/lib/units/*.js `addFormatToken` calls, English locale). */
const TOKENS: Record<string, (w: WallClock) => string> = {
  M: (w) => String(w.month + 1),
  MM: (w) => zeroFill(w.month + 1, 2),
  Mo: (w) => ordinal(w.month + 1),
  MMM: (w) => MONTHS[w.month].slice(0, 3),
  MMMM: (w) => MONTHS[w.month],
  Q: (w) => String(Math.ceil((w.month + 1) / 3)),
  Qo: (w) => ordinal(Math.ceil((w.month + 1) / 3)),
  D: (w) => String(w.date),
  DD: (w) => zeroFill(w.date, 2),
  Do: (w) => ordinal(w.date),
  DDD: (w) => String(dayOfYear(w)),
  DDDD: (w) => zeroFill(dayOfYear(w), 3),
  DDDo: (w) => ordinal(dayOfYear(w)),
  d: (w) => String(w.day),
  do: (w) => ordinal(w.day),
  dd: (w) => WEEKDAYS[w.day].slice(0, 2),
  ddd: (w) => WEEKDAYS[w.day].slice(0, 3),
  dddd: (w) => WEEKDAYS[w.day],
  // English weeks start on Sunday, so the locale weekday is the day of the week.
  e: (w) => String(w.day),
  E: (w) => String(w.day || 7),
  w: (w) => String(locale(w).week),
  ww: (w) => zeroFill(locale(w).week, 2),
  wo: (w) => ordinal(locale(w).week),
  W: (w) => String(iso(w).week),
  WW: (w) => zeroFill(iso(w).week, 2),
  Wo: (w) => ordinal(iso(w).week),
  gg: (w) => zeroFill(locale(w).year % 100, 2),
  gggg: (w) => zeroFill(locale(w).year, 4),
  ggggg: (w) => zeroFill(locale(w).year, 5),
  GG: (w) => zeroFill(iso(w).year % 100, 2),
  GGGG: (w) => zeroFill(iso(w).year, 4),
  GGGGG: (w) => zeroFill(iso(w).year, 5),
  Y: (w) => (w.year <= 9999 ? zeroFill(w.year, 4) : `+${w.year}`),
  YY: (w) => zeroFill(w.year % 100, 2),
  YYYY: (w) => zeroFill(w.year, 4),
  YYYYY: (w) => zeroFill(w.year, 5),
  YYYYYY: (w) => zeroFill(w.year, 6, true),
  // Eras (moment src/lib/units/era.js): every supported date is in the English locale's "AD" era, whose era year
  // is the calendar year.
  N: () => 'AD',
  NN: () => 'AD',
  NNN: () => 'AD',
  NNNN: () => 'Anno Domini',
  NNNNN: () => 'AD',
  y: (w) => String(w.year),
  yy: (w) => zeroFill(w.year, 2),
  yyy: (w) => zeroFill(w.year, 3),
  yyyy: (w) => zeroFill(w.year, 4),
  yo: (w) => ordinal(w.year),
  a: (w) => (w.hours > 11 ? 'pm' : 'am'),
  A: (w) => (w.hours > 11 ? 'PM' : 'AM'),
  H: (w) => String(w.hours),
  HH: (w) => zeroFill(w.hours, 2),
  h: (w) => String(hour12(w)),
  hh: (w) => zeroFill(hour12(w), 2),
  k: (w) => String(w.hours || 24),
  kk: (w) => zeroFill(w.hours || 24, 2),
  hmm: (w) => `${hour12(w)}${zeroFill(w.minutes, 2)}`,
  hmmss: (w) => `${hour12(w)}${zeroFill(w.minutes, 2)}${zeroFill(w.seconds, 2)}`,
  Hmm: (w) => `${w.hours}${zeroFill(w.minutes, 2)}`,
  Hmmss: (w) => `${w.hours}${zeroFill(w.minutes, 2)}${zeroFill(w.seconds, 2)}`,
  m: (w) => String(w.minutes),
  mm: (w) => zeroFill(w.minutes, 2),
  s: (w) => String(w.seconds),
  ss: (w) => zeroFill(w.seconds, 2),
  S: (w) => String(Math.trunc(w.milliseconds / 100)),
  SS: (w) => zeroFill(Math.trunc(w.milliseconds / 10), 2),
  SSS: (w) => zeroFill(w.milliseconds, 3),
  Z: zoneOffset(':'),
  ZZ: zoneOffset(''),
  X: (w) => String(Math.floor(w.epoch / 1000)),
  x: (w) => String(w.epoch),
};
// SSSS…SSSSSSSSS: the milliseconds scaled to the token's length.
for (let n = 4; n <= 9; n += 1) TOKENS['S'.repeat(n)] = (w) => zeroFill(w.milliseconds * 10 ** (n - 3), n);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Whether Node's time-zone data knows an IANA zone name (`Europe/Paris`, `UTC`; case does not matter, as in
 * moment-timezone). UTC offsets such as `+01:00` are not zone names and give `false`.
 *
 * @see https://tc39.es/ecma402/#sec-isvalidtimezonename
 */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `date` in `timeZone`, from `Intl.DateTimeFormat#formatToParts`. */
function readWallClock(date: Date, timeZone: string): WallClock {
  const epoch = date.getTime();
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(date))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const milliseconds = ((epoch % 1000) + 1000) % 1000;
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, milliseconds);
  // Minutes, fractional before 1972 in some zones (Africa/Monrovia: -44.5), as moment-timezone keeps them.
  const offset = (wall - epoch) / 60000;
  const local = new Date(wall);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth(),
    date: local.getUTCDate(),
    day: local.getUTCDay(),
    hours: local.getUTCHours(),
    minutes: local.getUTCMinutes(),
    seconds: local.getUTCSeconds(),
    milliseconds,
    offset,
    epoch,
  };
}

/** moment's `expandFormat`: replace `LT`, `LL`… (and their short `l` forms) by the English long formats, 5 rounds. */
function expandLongFormats(format: string): string {
  const longFormat = (token: string): string | undefined => {
    const upper = LONG_DATE_FORMATS[token.toUpperCase()];
    if (upper === undefined || token === token.toUpperCase()) return upper;
    // The `l` forms shorten MMMM, MM, DD and dddd by one letter (moment src/lib/locale/formats.js).
    return (upper.match(FORMATTING_TOKENS) ?? [])
      .map((t) => (['MMMM', 'MM', 'DD', 'dddd'].includes(t) ? t.slice(1) : t))
      .join('');
  };
  let expanded = format;
  for (let round = 0; round < 6 && new RegExp(LOCAL_FORMATTING_TOKENS.source).test(expanded); round += 1) {
    expanded = expanded.replace(LOCAL_FORMATTING_TOKENS, (match) => longFormat(match) ?? match);
  }
  return expanded;
}

/**
 * Format `date` in `timeZone` exactly as `moment(date).tz(timeZone).format(format)` does with moment's English
 * locale. An empty or `undefined` format is moment's default: `YYYY-MM-DDTHH:mm:ss[Z]` when the zone's offset at
 * that instant is 0, `YYYY-MM-DDTHH:mm:ssZ` otherwise. Characters that are no token are copied; `[...]` and `\x`
 * are literals; a newline is dropped, as moment drops it.
 *
 * @param timeZone an IANA zone name Node knows (check with {@link isKnownTimeZone}).
 * @throws {Error} on the zone-name tokens `z`/`zz`, which need moment-timezone's abbreviation tables.
 * @throws {RangeError} on a zone Node does not know.
 * @see https://momentjs.com/docs/#/displaying/format/
 */
export function formatMoment(date: Date, format: string | undefined, timeZone: string): string {
  const wall = readWallClock(date, timeZone);
  const source = expandLongFormats(format || (wall.offset === 0 ? DEFAULT_FORMAT_UTC : DEFAULT_FORMAT));
  let out = '';
  for (const token of source.match(FORMATTING_TOKENS) ?? []) {
    const render = TOKENS[token];
    if (render !== undefined) out += render(wall);
    else if (token === 'z' || token === 'zz') {
      throw new Error(
        `the moment token "${token}" (zone abbreviation) is not supported; use Z or ZZ for the UTC offset`,
      );
    } else out += /^\[[\s\S]/.test(token) ? token.replace(/^\[|\]$/g, '') : token.replace(/\\/g, '');
  }
  return out;
}
