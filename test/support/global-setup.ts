import { ensurePgliteTemplate } from './pglite-template';

export default async function globalSetup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) await ensurePgliteTemplate();
}
