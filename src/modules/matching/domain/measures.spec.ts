import { compareMeasures, parseMeasures, parsePackCount } from './measures';

describe('measures', () => {
  it('converts units to a base unit per dimension', () => {
    expect(parseMeasures('Aceite 500 ml')).toEqual([{ dimension: 'volume', value: 0.5 }]);
    expect(parseMeasures('Aceite 0,5 L')).toEqual([{ dimension: 'volume', value: 0.5 }]);
    expect(parseMeasures('Harina 1kg')).toEqual([{ dimension: 'mass', value: 1 }]);
    expect(parseMeasures('Harina 1000 g')).toEqual([{ dimension: 'mass', value: 1 }]);
    expect(parseMeasures('USB 2 GB')).toEqual([{ dimension: 'data', value: 2 }]);
    expect(parseMeasures('Modelo L200 y galleta')).toEqual([]);
  });

  it('compares: agreement, conflict, or nothing comparable', () => {
    expect(compareMeasures(parseMeasures('500 ml'), parseMeasures('0.5 l'))).toBe(1);
    expect(compareMeasures(parseMeasures('1 kg'), parseMeasures('1000 g'))).toBe(1);
    expect(compareMeasures(parseMeasures('500 ml'), parseMeasures('1 l'))).toBe(-1);
    expect(compareMeasures(parseMeasures('500 ml'), parseMeasures('500 g'))).toBe(0);
    expect(compareMeasures(parseMeasures('sin medida'), parseMeasures('1 l'))).toBe(0);
  });

  it('reads pack sizes in Spanish and English spellings', () => {
    expect(parsePackCount('Agua pack of 6')).toBe(6);
    expect(parsePackCount('Agua pack de 6 x 1.5 l')).toBe(6);
    expect(parsePackCount('Cerveza x12')).toBe(12);
    expect(parsePackCount('Cerveza 24x 33cl')).toBe(24);
    expect(parsePackCount('arcserve oem 30pk')).toBe(30);
    expect(parsePackCount('Huevos 12 uds')).toBe(12);
    expect(parsePackCount('Aceite 1 l')).toBeNull();
  });
});
