import { sniffDocumentType } from './document-type';
import { rawDocumentKey, tenantOfRawKey } from './raw-document-key';

describe('sniffDocumentType', () => {
  it.each([
    ['%PDF-1.7\n', 'application/pdf'],
    ['\x89PNG\r\n\x1a\n....', 'image/png'],
    ['\xff\xd8\xff\xe0..JFIF', 'image/jpeg'],
    ['II*\x00....', 'image/tiff'],
    ['MM\x00*....', 'image/tiff'],
  ])('reads %j as %s', (bytes, type) => {
    expect(sniffDocumentType(Buffer.from(bytes, 'latin1'))?.contentType).toBe(type);
  });

  it.each(['', '%PDF', 'PK\x03\x04', 'hello', ' %PDF-1.4'])('refuses %j', (bytes) => {
    expect(sniffDocumentType(Buffer.from(bytes, 'latin1'))).toBeNull();
  });
});

describe('raw document keys', () => {
  it('builds tenant=<t>/<yyyy>/<mm>/<sha256>.<ext> in UTC and reads the tenant back', () => {
    const key = rawDocumentKey('acme/es', 'ab'.repeat(32), 'pdf', new Date('2024-01-31T23:30:00-02:00'));
    expect(key).toBe(`tenant=acme%2Fes/2024/02/${'ab'.repeat(32)}.pdf`);
    expect(tenantOfRawKey(key)).toBe('acme/es');
  });

  it.each(['invoices/x.pdf', 'tenant=/x.pdf', 'tenant=%E0%A4%A/x.pdf', 'tenant=t1'])('finds no tenant in %j', (key) => {
    expect(tenantOfRawKey(key)).toBeNull();
  });
});
