import { CandidateEvidence, DEFAULT_MATCH_WEIGHTS, scoreCandidates } from './match-scorer';

const candidate = (sku: string, name: string, extra: Partial<CandidateEvidence> = {}): CandidateEvidence => ({
  sku, name, nameSimilarity: 0.5, ...extra,
});

describe('scoreCandidates', () => {
  it('ranks the product with the same words, size and brand first, with high confidence', () => {
    const { ranked, confidence } = scoreCandidates({ description: 'Aceite de oliva virgen extra 0,5 L Carbonell', unitPrice: '4.40' }, [
      candidate('A-1000', 'Aceite de oliva virgen extra 1 l', { brand: 'Carbonell', price: '7.90', nameSimilarity: 0.6 }),
      candidate('A-500', 'Aceite de oliva virgen extra 500 ml', { brand: 'Carbonell', price: '4.35', nameSimilarity: 0.6 }),
    ]);
    expect(ranked.map((c) => c.sku)).toEqual(['A-500', 'A-1000']);
    expect(confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('penalises a conflicting model number and a conflicting pack size', () => {
    const line = { description: 'QuickBooks Pro 2007 pack of 3' };
    const { ranked } = scoreCandidates(line, [
      candidate('QB-2008', 'QuickBooks Pro 2008 pack of 3'),
      candidate('QB-2007-1', 'QuickBooks Pro 2007'),
      candidate('QB-2007-3', 'QuickBooks Pro 2007 3 pack'),
    ]);
    expect(ranked[0].sku).toBe('QB-2007-3');
    expect(ranked[2].sku).toBe('QB-2008');
  });

  it('counts a price far outside the band against a candidate', () => {
    const line = { description: 'Tomate triturado 400 g', unitPrice: '1.20' };
    const cheap = scoreCandidates(line, [candidate('T', 'Tomate triturado 400 g', { price: '1.10' })]).ranked[0].score;
    const dear = scoreCandidates(line, [candidate('T', 'Tomate triturado 400 g', { price: '12.00' })]).ranked[0].score;
    expect(dear).toBeLessThan(cheap);
    expect(cheap - dear).toBeCloseTo(2 * DEFAULT_MATCH_WEIGHTS.price, 4);
  });

  it('lowers confidence when two different products score nearly alike', () => {
    const line = { description: 'Aceite oliva garrafa' };
    const alone = scoreCandidates(line, [candidate('A', 'Aceite de oliva 1 l')]);
    const tied = scoreCandidates(line, [candidate('A', 'Aceite de oliva 1 l'), candidate('B', 'Aceite de oliva 5 l')]);
    expect(tied.confidence).toBeLessThan(alone.confidence);
    expect(tied.confidence).toBeLessThan(0.8);
  });

  it('keeps every score and the confidence within 0..1, and is empty without candidates', () => {
    expect(scoreCandidates({ description: 'x' }, [])).toEqual({ ranked: [], confidence: 0 });
    const { ranked, confidence } = scoreCandidates({ description: 'Brand X-100 500 ml pack of 6', unitPrice: '3' }, [
      candidate('S', 'Brand X-100 500 ml pack of 6', { brand: 'Brand', price: '3', nameSimilarity: 1 }),
      candidate('T', 'Other Y-200 1 l pack of 12', { price: '300', nameSimilarity: 0 }),
    ]);
    for (const c of ranked) expect(c.score).toBeGreaterThanOrEqual(0);
    expect(ranked[0].score).toBeLessThanOrEqual(1);
    expect(confidence).toBe(1);
  });
});
