import { aliasKeyOf, contentTokens, normalizeText, tokenize } from './text-normalizer';

describe('text normalisation', () => {
  it('lowercases, strips accents and reads decimal commas', () => {
    expect(normalizeText('Café AÑEJO 0,5 L')).toBe('cafe anejo 0.5 l');
  });

  it('tokenises keeping decimals and versions whole', () => {
    expect(tokenize('Arcserve v11.1, 1.5 L')).toEqual(['arcserve', 'v11.1', '1.5', 'l']);
  });

  it('drops Spanish and English stop words and single letters', () => {
    expect(contentTokens('Aceite de oliva para la cocina and the oven, 1 l')).toEqual(['aceite', 'oliva', 'cocina', 'oven']);
  });

  it('gives equal alias keys to descriptions that differ only in case, accents and punctuation', () => {
    expect(aliasKeyOf('ACEITE  OLIVA, garrafa')).toBe(aliasKeyOf('Aceite oliva garrafa'));
    expect(aliasKeyOf('Café')).toBe(aliasKeyOf('cafe'));
    expect(aliasKeyOf('Aceite oliva')).not.toBe(aliasKeyOf('Aceite oliva garrafa'));
  });
});
