/**
 * The printed labels that introduce each header field, by language (es, en first; fr,
 * de, nl, pt, it, pl because suppliers send those too). Each field lists tiers: a
 * value found by an earlier tier wins over one found by a later tier, so "Invoice
 * date" beats a bare "Date" and "Grand total" beats "Total".
 */
export type LabelledField = 'invoiceNumber' | 'issueDate' | 'dueDate' | 'total' | 'subtotal' | 'tax' | 'supplierTaxId' | 'supplierName' | 'recipient';

const NO = String.raw`(?:n[°ºo]\.?|no\.?|nr\.?|núm(?:ero)?\.?|num(?:ber|ero)?\.?|#)`;

export const LABELS: Record<LabelledField, string[][]> = {
  invoiceNumber: [
    [
      String.raw`invoice\s*${NO}`, // OCR often reads the ordinal sign of "Nº" as "e".
      String.raw`(?:${NO}|ne)\s*(?:de\s*)?(?:la\s*)?factura`, String.raw`factura\s*${NO}`,
      String.raw`facture\s*${NO}`, String.raw`${NO}\s*de\s*facture`, String.raw`rechnungs?-?\s*(?:nr\.?|nummer)`,
      String.raw`factuur\s*(?:nummer|nr\.?)`, String.raw`faktura\s*(?:vat\s*)?(?:nr\.?|numer)`, String.raw`fattura\s*${NO}`,
      String.raw`numero\s*(?:di\s*)?fattura`, String.raw`fatura\s*${NO}`, String.raw`(?:bill|receipt)\s*${NO}`, String.raw`invoice\s*id`,
    ],
    [String.raw`invoice`, String.raw`factura`, String.raw`facture`, String.raw`rechnung`, String.raw`factuur`, String.raw`faktura`, String.raw`fattura`, String.raw`#`],
    [String.raw`booking\s*id`, String.raw`document\s*${NO}`, String.raw`n[°º]\s*documento`],
  ],
  issueDate: [
    [
      String.raw`invoice\s*date`, String.raw`date\s*of\s*(?:issue|invoice)`, String.raw`(?:issue|billing)\s*date`,
      String.raw`fecha\s*(?:de\s*)?(?:la\s*)?(?:factura|emisi[oó]n|expedici[oó]n)`, String.raw`date\s*(?:de\s*)?(?:la\s*)?facture`,
      String.raw`rechnungsdatum`, String.raw`factuur\s*datum`, String.raw`factuurdatum`, String.raw`data\s*wystawienia`,
      String.raw`data\s*(?:da\s*)?fatura`, String.raw`data\s*(?:della\s*)?fattura`,
    ],
    [String.raw`date`, String.raw`fecha`, String.raw`datum`, String.raw`data`],
  ],
  dueDate: [
    [
      String.raw`due\s*date`, String.raw`date\s*due`, String.raw`payment\s*due(?:\s*date)?`, String.raw`due\s*on`,
      String.raw`fecha\s*(?:de\s*)?vencimiento`, String.raw`fecha\s*l[ií]mite(?:\s*de\s*pago)?`, String.raw`vencimiento`, String.raw`vto\.?`,
      String.raw`date\s*limite\s*de\s*paiement`, String.raw`date\s*d'[ée]ch[ée]ance`, String.raw`[ée]ch[ée]ance`,
      String.raw`f[äa]llig(?:keitsdatum|\s*am)?`, String.raw`zahlungsziel`, String.raw`vervaldatum`, String.raw`termin\s*p[łl]atno[śs]ci`,
      String.raw`data\s*di\s*scadenza`, String.raw`scadenza`, String.raw`data\s*de\s*vencimento`,
    ],
  ],
  total: [
    [
      String.raw`grand\s*total`, String.raw`total\s*(?:amount\s*)?(?:due|payable|to\s*pay)`, String.raw`total\s*for\s*this\s*invoice`,
      String.raw`(?:amount|balance)\s*due`, String.raw`total\s*(?:invoice|factura|facture|ttc|incl\.?(?:\s*(?:vat|tax|iva))?|eur|usd|gbp|con\s*iva)`,
      String.raw`importe\s*total`, String.raw`total\s*importe`, String.raw`total\s*a\s*pagar`, String.raw`somme\s*à\s*payer`,
      String.raw`net\s*à\s*payer`, String.raw`montant\s*(?:eur\s*)?ttc`, String.raw`factuur\s*totaal`, String.raw`totaal(?:\s*incl\.?\s*btw)?`,
      String.raw`te\s*betalen`, String.raw`gesamtbetrag`, String.raw`rechnungsbetrag`, String.raw`endbetrag`, String.raw`należność\s*ogółem`,
      String.raw`do\s*zapłaty`, String.raw`totale\s*(?:fattura|documento)?`, String.raw`valor\s*total`,
    ],
    [String.raw`total`, String.raw`gesamt`, String.raw`razem`],
  ],
  subtotal: [
    [
      String.raw`base\s*imponible`, String.raw`total\s*ht`, String.raw`montant\s*(?:eur\s*)?ht`, String.raw`total\s*(?:sin|antes\s*de)\s*(?:iva|impuestos)`,
      String.raw`importe\s*neto`, String.raw`net\s*(?:amount|total)`, String.raw`total\s*net`, String.raw`total\s*excl\.?(?:\s*(?:vat|tax))?`,
      String.raw`exclusief\s*btw`, String.raw`totaal\s*excl\.?(?:\s*btw)?`, String.raw`nettobetrag`, String.raw`(?:amount\s*)?untaxed(?:\s*amount)?`,
      String.raw`wartość\s*netto`, String.raw`imponibile`, String.raw`grondslag`,
    ],
    [String.raw`sub-?\s*total`, String.raw`subtotaal`, String.raw`zwischensumme`, String.raw`netto`],
  ],
  tax: [
    [
      String.raw`(?:total\s*|cuota\s*|importe\s*)?(?:i\.?v\.?a\.?|igic)`, String.raw`(?:total\s*|montant\s*)?(?:vat|tva|tax|sales\s*tax|gst)`,
      String.raw`btw(?:\s*bedrag)?`, String.raw`mwst\.?`, String.raw`ust\.?`, String.raw`kwota\s*vat`, String.raw`impuestos?`,
    ],
  ],
  supplierTaxId: [
    [
      String.raw`c\.?i\.?f\.?`, String.raw`n\.?i\.?f\.?`, String.raw`vat\s*(?:no\.?|number|reg(?:istration)?\.?(?:\s*no\.?)?|id)`,
      String.raw`tax\s*id`, String.raw`vat\s*/\s*tin`, String.raw`tin`, String.raw`btw[-\s]*(?:nummer|nr\.?|id)`, String.raw`ust-?\s*id(?:nr\.?)?`,
      String.raw`umsatzsteuer-?\s*id(?:entifikationsnummer)?`, String.raw`steuer-?\s*nr\.?`, String.raw`n[°º]\s*(?:de\s*)?tva(?:\s*intra\s*-?\s*communautaire)?`,
      String.raw`tva\s*intracommunautaire`, String.raw`gstin`, String.raw`nip`, String.raw`p\.?\s*iva`, String.raw`partita\s*iva`,
    ],
    [String.raw`vat`, String.raw`btw`, String.raw`tva`],
  ],
  supplierName: [
    [
      String.raw`sold\s*by`, String.raw`seller`, String.raw`vendor`, String.raw`supplier`, String.raw`service\s*provider`, String.raw`issued\s*by`,
      String.raw`proveedor`, String.raw`emisor`, String.raw`vendedor`, String.raw`fournisseur`, String.raw`vendeur`, String.raw`verk[äa]ufer`,
      String.raw`lieferant`, String.raw`leverancier`, String.raw`sprzedawca`, String.raw`fornitore`,
    ],
  ],
  recipient: [
    [
      String.raw`bill(?:ed)?\s*to`, String.raw`ship\s*to`, String.raw`sold\s*to`, String.raw`invoice\s*to`, String.raw`customer`, String.raw`client(?:e|s)?`,
      String.raw`facturar\s*a`, String.raw`destinatario`, String.raw`datos\s*del\s*cliente`, String.raw`factur(?:é|e)\s*à`, String.raw`adresse\s*de\s*facturation`,
      String.raw`rechnungsempf[äa]nger`, String.raw`kunde`, String.raw`factuuradres`, String.raw`afleveradres`, String.raw`klant`, String.raw`nabywca`,
      String.raw`billing\s*address`, String.raw`shipping\s*address`, String.raw`guest\s*name`,
    ],
  ],
};

const END = String.raw`(?![\p{L}\d])`;
const compiled = Object.fromEntries(
  Object.entries(LABELS).map(([field, tiers]) => [
    field,
    tiers.map((tier) => new RegExp(String.raw`^[\s*"'(]*(?:${tier.join('|')})${END}\s*[:.#]?\s*`, 'iu')),
  ]),
) as Record<LabelledField, RegExp[]>;

/** The label of `field` that starts `text`, if any: its tier and the text after it. */
export function matchLabel(field: LabelledField, text: string): { tier: number; length: number; rest: string } | null {
  const tiers = compiled[field];
  for (let tier = 0; tier < tiers.length; tier++) {
    const m = tiers[tier].exec(text);
    if (m) return { tier, length: m[0].trimEnd().length, rest: text.slice(m[0].length).trim() };
  }
  return null;
}

/** The field whose label claims a cell: the longest matching label, so "Due date" is not read as "Date". */
export function claimingField(text: string): LabelledField | null {
  let best: { field: LabelledField; length: number } | null = null;
  for (const field of Object.keys(compiled) as LabelledField[]) {
    const m = matchLabel(field, text);
    if (m && (!best || m.length > best.length)) best = { field, length: m.length };
  }
  return best?.field ?? null;
}
