import { csvCell } from '../../../src/use-cases/export-posture';

describe('csvCell', () => {
  it('leaves plain text alone and quotes what needs quoting', () => {
    expect(csvCell('Adele Vance')).toBe('Adele Vance');
    expect(csvCell('Vance, Adele')).toBe('"Vance, Adele"');
    expect(csvCell('the "boss"')).toBe('"the ""boss"""');
    expect(csvCell(true)).toBe('true');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1 555')).toBe(`"'+1 555"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
  });
});
