import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import { InvalidInputError } from '../../../../common/errors/application-errors';
import type { ProductFields } from '../../domain/product';
import type { RowError } from '../../domain/product-import';
import { CreateProductDto, toProductFields } from '../../dto/product-input.dto';

export const CSV_COLUMNS = ['sku', 'name', 'description', 'brand', 'category', 'unit', 'price', 'currency', 'supplierId', 'supplierCode', 'gtin'];
const REQUIRED = ['sku', 'name'];

export type CsvRecord = Record<string, string>;

/**
 * Reads the whole file up front: a malformed file or header is refused at once (400)
 * instead of failing half way through the job; rows are validated batch by batch later.
 */
export function parseProductCsv(csv: Buffer): CsvRecord[] {
  let records: CsvRecord[];
  try {
    records = parse(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    throw new InvalidInputError(`CSV could not be parsed: ${(error as Error).message}`);
  }
  const header = records.length ? Object.keys(records[0]) : [];
  const unknown = header.filter((c) => !CSV_COLUMNS.includes(c));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (records.length === 0) throw new InvalidInputError('CSV has no data rows');
  if (unknown.length || missing.length) {
    throw new InvalidInputError(
      `CSV header must name ${REQUIRED.join(' and ')} and may name ${CSV_COLUMNS.join(', ')}` +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') + (unknown.length ? `; unknown: ${unknown.join(', ')}` : ''),
    );
  }
  return records;
}

/** One row through the same DTO rules as POST /v1/products; empty cells count as absent. */
export function validateProductRow(record: CsvRecord, row: number): { product: ProductFields } | { error: RowError } {
  const present = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ''));
  const dto = plainToInstance(CreateProductDto, present);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const message = errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ');
    return { error: { row, message } };
  }
  return { product: toProductFields(dto.sku, dto) };
}
