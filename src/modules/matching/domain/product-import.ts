export const PRODUCT_IMPORT_REPOSITORY = Symbol('PRODUCT_IMPORT_REPOSITORY');

export type ProductImportStatus = 'running' | 'completed' | 'failed';

export interface RowError {
  /** 1-based data row number (the header is row 0). */
  row: number;
  message: string;
}

export interface ProductImport {
  importId: string;
  tenantId: string;
  status: ProductImportStatus;
  total: number;
  processed: number;
  failed: number;
  errors: RowError[];
  createdAt: string;
  updatedAt: string;
}

export interface ProductImportRepository {
  create(job: Pick<ProductImport, 'importId' | 'tenantId' | 'total'>): Promise<void>;
  /** Adds one batch's counts and errors. */
  progress(importId: string, processed: number, errors: RowError[]): Promise<void>;
  finish(importId: string, status: Exclude<ProductImportStatus, 'running'>, errors?: RowError[]): Promise<void>;
  get(tenantId: string, importId: string): Promise<ProductImport | null>;
}
