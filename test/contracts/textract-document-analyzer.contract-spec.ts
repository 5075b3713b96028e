import { AnalyzeExpenseCommand, AnalyzeExpenseCommandInput, AnalyzeExpenseCommandOutput, TextractClient } from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextractDocumentAnalyzer } from '../../src/infrastructure/aws/textract-document-analyzer.adapter';
import { ENGLISH_INVOICE, invoicePdf, invoicePng, SPANISH_INVOICE } from '../support/invoice-fixtures';
import { describeDocumentAnalyzerContract } from './document-analyzer.contract';

const recorded = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '../fixtures/textract', name), 'utf8')) as AnalyzeExpenseCommandOutput;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Textract mocked at the SDK boundary: the generated documents get the recorded
 * (synthetic) responses for their invoice; anything else gets the exception Textract
 * raises for it.
 */
async function openTextract() {
  // Mocking an instance, not the class, keeps each harness's responses its own.
  const client = new TextractClient({ region: 'eu-west-1' });
  const textract = mockClient(client);
  const responses = new Map<string, AnalyzeExpenseCommandOutput>();
  for (const [fixture, file] of [[SPANISH_INVOICE, 'analyze-expense-es.json'], [ENGLISH_INVOICE, 'analyze-expense-en.json']] as const) {
    responses.set(sha(await invoicePdf(fixture)), recorded(file));
    responses.set(sha(invoicePng(fixture)), recorded(file));
  }
  const calls: AnalyzeExpenseCommandInput[] = [];
  let throttle = false;
  textract.on(AnalyzeExpenseCommand).callsFake((input: AnalyzeExpenseCommandInput) => {
    calls.push(input);
    if (throttle) {
      throttle = false;
      throw Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });
    }
    const bytes = input.Document!.Bytes!;
    const response = responses.get(sha(bytes));
    if (response) return response;
    const pdf = Buffer.from(bytes).subarray(0, 5).toString() === '%PDF-';
    throw Object.assign(new Error(pdf ? 'Unable to read the PDF' : 'Request has unsupported document format'), {
      name: pdf ? 'BadDocumentException' : 'UnsupportedDocumentException',
    });
  });
  return { textract, calls, throttleNext: () => (throttle = true), analyzer: new TextractDocumentAnalyzer(client) };
}

describeDocumentAnalyzerContract('Textract AnalyzeExpense (recorded responses)', async () => {
  const { textract, analyzer } = await openTextract();
  return { analyzer, close: async () => textract.restore() };
});

describe('TextractDocumentAnalyzer', () => {
  let harness: Awaited<ReturnType<typeof openTextract>>;
  beforeAll(async () => (harness = await openTextract()));
  afterAll(() => harness.textract.restore());

  it('sends the bytes synchronously and maps confidences to 0..1', async () => {
    const bytes = await invoicePdf(SPANISH_INVOICE);
    const { invoice, method } = await harness.analyzer.analyze({ bytes, contentType: 'application/pdf' });
    expect(method).toBe('textract');
    expect(Buffer.from(harness.calls.at(-1)!.Document!.Bytes!)).toEqual(bytes);
    expect(invoice.invoiceNumber).toEqual({ value: 'F-2024/0042', confidence: 0.99 });
    expect(invoice.supplierTaxId?.value).toBe('B12345678');
  });

  it('refuses documents over the 5 MB synchronous limit without calling AWS', async () => {
    const before = harness.calls.length;
    await expect(harness.analyzer.analyze({ bytes: Buffer.alloc(5 * 1024 * 1024 + 1), contentType: 'application/pdf' })).rejects.toMatchObject({
      name: 'Document.Unreadable',
      message: expect.stringContaining('5 MB'),
    });
    expect(harness.calls.length).toBe(before);
  });

  it('lets throttling through for the caller to retry', async () => {
    harness.throttleNext();
    await expect(harness.analyzer.analyze({ bytes: Buffer.from('x'), contentType: 'image/png' })).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
    });
  });
});
