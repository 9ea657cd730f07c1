import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/tags/csv-fields.js';

// Differential test: src/tags/csv-fields.ts against csv-parse itself, with the options metadata-action and the
// engine use ({ relaxColumnCount: true, skipEmptyLines: true }, with and without trim: true).
const LINES = [
  'type=semver,pattern={{version}}',
  'type=raw,value=a b , enable=true ',
  '"type=match,pattern=v(\\d.\\d)",group=1',
  'a,b',
  ' "a" ,b',
  '"a" ,b',
  '"a"x,b',
  'a"b,c',
  '"a""b",c',
  '"a',
  '',
  ',',
  ',,',
  'a,,b',
  'a\n\nb',
  'a\r\nb',
  'a\rb',
  'a\nb\rc',
  'a\r\nb\nc',
  '"a\nb",c',
  ' a , b ',
  '"", ""',
  '" a "',
  'x,"y"',
  'a,"',
  '"a"  ',
  '\t"a"',
  'a,b\n',
  '"a"\t,b',
  "'a',b",
  '"a,b"c',
  '"a" "b"',
  '   ',
  ' \n ',
  '"a"\n"b"',
  'a\u00a0',
  '\u00a0a',
  'é,"ü""x"',
  '""',
  '""""',
  '"a""',
  'x\f',
  "type=raw,value={{date 'YYYYMMDD' tz='Asia/Tokyo'}}",
  'latest=auto,prefix="v,",suffix=',
];

function viaCsvParse(text: string, trim: boolean): string[][] | string {
  try {
    return parse(text, { relaxColumnCount: true, skipEmptyLines: true, ...(trim ? { trim: true } : {}) }) as string[][];
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

function viaPort(text: string, trim: boolean): string[][] | string {
  try {
    return parseCsvRecords(text, trim);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

describe('parseCsvRecords equals csv-parse', () => {
  it.each(LINES.flatMap((line) => [[line, false] as const, [line, true] as const]))('%j (trim %s)', (line, trim) => {
    expect(viaPort(line, trim)).toEqual(viaCsvParse(line, trim));
  });
});
