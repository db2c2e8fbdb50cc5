import { csvField, csvRecord, csvText } from './csv.js';

describe('CSV fields', () => {
  it('leaves plain values alone and writes nothing for null', () => {
    expect(csvField('reserve')).toBe('reserve');
    expect(csvField('1250.00')).toBe('1250.00');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes commas, quotes, line breaks and edge spaces, doubling inner quotes', () => {
    expect(csvField('Rent, March')).toBe('"Rent, March"');
    expect(csvField('The "big" sale')).toBe('"The ""big"" sale"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('padded ')).toBe('"padded "');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvText('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('-5 refund')).toBe("'-5 refund");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('Sales Q1')).toBe('Sales Q1');
    expect(csvText(null)).toBe('');
  });

  it('ends each record with CRLF', () => {
    expect(csvRecord(['a', csvField('b,c'), ''])).toBe('a,"b,c",\r\n');
  });
});
