import { normalizeDate } from './normalize-date';

describe('normalizeDate', () => {
  it.each([
    ['12/03/2024', '2024-03-12'],
    ['12-03-24', '2024-03-12'],
    ['12.03.2024', '2024-03-12'],
    ['2024-03-12', '2024-03-12'],
    ['12 de marzo de 2024', '2024-03-12'],
    ['March 12, 2024', '2024-03-12'],
    ['12 Mar 2024', '2024-03-12'],
    ['7. Mai 2014', '2014-05-07'],
    ['du 02 Juillet 2015', '2015-07-02'],
    ['19 april 2014', '2014-04-19'],
    ['Fecha: 1 de septiembre de 2023', '2023-09-01'],
  ])('%s → %s', (text, iso) => expect(normalizeDate(text)).toBe(iso));

  it('reads numeric dates day first, month first only when unambiguous or the document is American', () => {
    expect(normalizeDate('03/04/2024')).toBe('2024-04-03');
    expect(normalizeDate('03/20/2023')).toBe('2023-03-20');
    expect(normalizeDate('03/04/2024', { monthFirst: true })).toBe('2024-03-04');
  });

  it('rejects impossible dates', () => {
    expect(normalizeDate('31/02/2024')).toBeNull();
    expect(normalizeDate('no date here')).toBeNull();
  });
});
