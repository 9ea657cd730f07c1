import moment from 'moment-timezone';
import { describe, expect, it } from 'vitest';
import { formatMoment, isKnownTimeZone } from '../../src/tags/moment-format.js';

// Differential test: src/tags/moment-format.ts against moment-timezone itself (full zone data, English locale),
// which is what docker/metadata-action formats {{date}} with (src/meta.ts: moment(date).tz(tz).format(format)).
const ZONES = [
  'UTC',
  'Etc/UTC',
  'Europe/London',
  'Europe/Paris',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/New_York',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'Africa/Monrovia',
  'asia/tokyo',
];
const DATES = [
  '1970-01-01T00:00:00.000Z',
  '2020-01-10T00:30:00.000Z',
  '2020-12-31T23:59:59.999Z',
  '2021-01-03T12:00:00.007Z',
  '2022-04-19T09:27:24.050Z',
  '2024-02-29T23:30:00.120Z',
  '2026-03-29T01:00:00.000Z',
  '2026-11-01T05:59:59.000Z',
  '2027-01-01T04:00:00.000Z',
  '2029-12-30T18:45:00.000Z',
].map((iso) => new Date(iso));
const TOKENS = [
  'M',
  'Mo',
  'MM',
  'MMM',
  'MMMM',
  'Q',
  'Qo',
  'D',
  'Do',
  'DD',
  'DDD',
  'DDDo',
  'DDDD',
  'd',
  'do',
  'dd',
  'ddd',
  'dddd',
  'e',
  'E',
  'w',
  'wo',
  'ww',
  'W',
  'Wo',
  'WW',
  'gg',
  'gggg',
  'ggggg',
  'GG',
  'GGGG',
  'GGGGG',
  'Y',
  'YY',
  'YYYY',
  'YYYYY',
  'YYYYYY',
  'N',
  'NN',
  'NNN',
  'NNNN',
  'NNNNN',
  'y',
  'yo',
  'yy',
  'yyy',
  'yyyy',
  'a',
  'A',
  'H',
  'HH',
  'h',
  'hh',
  'k',
  'kk',
  'hmm',
  'hmmss',
  'Hmm',
  'Hmmss',
  'm',
  'mm',
  's',
  'ss',
  'S',
  'SS',
  'SSS',
  'SSSS',
  'SSSSS',
  'SSSSSS',
  'SSSSSSS',
  'SSSSSSSS',
  'SSSSSSSSS',
  'Z',
  'ZZ',
  'X',
  'x',
  'LT',
  'LTS',
  'L',
  'LL',
  'LLL',
  'LLLL',
  'l',
  'll',
  'lll',
  'llll',
];
const FORMATS = [
  ...TOKENS,
  'YYYYMMDD',
  'YYYYMMDD-HHmmss',
  'YYYY-MM-DDTHH:mm:ss.SSS[Z]',
  'dddd, MMMM Do YYYY, h:mm:ss a',
  '[Week] W [of] GGGG',
  '[LT] LT \\L \\Y [[x]] ]',
  'YYYY-MM-DD-HHmmSS',
  'w|W|',
  'x\ny',
  'café ✓ %s $1',
  '',
  undefined,
];

describe('formatMoment equals moment-timezone', () => {
  it.each(ZONES)('every token and format in %s', (zone) => {
    for (const date of DATES) {
      for (const format of FORMATS) {
        const expected = moment(date).tz(zone).format(format);
        expect(`${format} ${date.toISOString()} → ${formatMoment(date, format, zone)}`).toBe(
          `${format} ${date.toISOString()} → ${expected}`,
        );
      }
    }
  });

  it('gives the same wall clock and offset as moment-timezone in every zone it knows', () => {
    // Past dates only: predictions of future rules (Morocco's) differ between tz data releases.
    const past = [
      '1970-06-01T00:00:00Z',
      '1995-03-26T01:30:00Z',
      '2010-10-31T00:59:59Z',
      '2020-01-10T00:30:00Z',
      '2024-07-01T12:00:00Z',
    ].map((iso) => new Date(iso));
    const differences = moment.tz.names().flatMap((zone) =>
      past.flatMap((date) => {
        const expected = moment(date).tz(zone).format('YYYY-MM-DDTHH:mm:ss.SSSZ');
        const got = isKnownTimeZone(zone) ? formatMoment(date, 'YYYY-MM-DDTHH:mm:ss.SSSZ', zone) : 'unknown zone';
        return got === expected ? [] : [`${zone} ${date.toISOString()}: ${got}, moment-timezone ${expected}`];
      }),
    );
    expect(differences).toEqual([]);
  });

  it.each([
    ['z', 'the moment token "z" (zone abbreviation) is not supported; use Z or ZZ for the UTC offset'],
    ['HH zz', 'the moment token "zz" (zone abbreviation) is not supported'],
  ])('rejects %s', (format, message) => {
    expect(() => formatMoment(new Date(0), format, 'UTC')).toThrow(message);
  });
});

describe('isKnownTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Paris', true],
    ['europe/paris', true],
    ['US/Pacific', true],
    ['Mars/Olympus', false],
    ['+01:00', false],
    ['', false],
  ])('%s → %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
    // moment-timezone agrees on these names.
    expect(moment.tz.zone(zone) !== null).toBe(known);
  });
});
