import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator';
import type { Principal } from '../../common/auth/principal';
import { InvalidInputError } from '../../common/errors/application-errors';
import { ApiErrorResponses } from '../../common/errors/api-error-responses.decorator';
import { IngestInvoiceCommand } from './commands/ingest-invoice/ingest-invoice.command';
import { InvoicePageResponseDto, InvoiceResponseDto, InvoiceSummaryResponseDto } from './dto/invoice-response.dto';
import { ListInvoicesQueryDto } from './dto/list-invoices-query.dto';
import { UploadInvoiceDto } from './dto/upload-invoice.dto';
import { GetInvoiceDocumentQuery } from './queries/get-invoice-document/get-invoice-document.query';
import { GetInvoiceQuery } from './queries/get-invoice/get-invoice.query';
import { ListInvoicesQuery } from './queries/list-invoices/list-invoices.query';
import { DEFAULT_PAGE_SIZE } from '../../common/pagination/page-query.dto';

export const UPLOAD_FIELD = 'file';

/** What multer's memory storage hands over (its own types are not installed). */
interface UploadedDocument {
  originalname: string;
  buffer: Buffer;
}

@ApiTags('invoices')
@ApiBearerAuth()
@Controller({ path: 'invoices', version: '1' })
export class InvoicesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @UseInterceptors(FileInterceptor(UPLOAD_FIELD))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [UPLOAD_FIELD],
      properties: {
        [UPLOAD_FIELD]: { type: 'string', format: 'binary', description: 'PDF, PNG, JPEG or TIFF, judged by its content' },
        supplierId: { type: 'string', example: 'sup-42' },
      },
    },
  })
  @ApiCreatedResponse({ type: InvoiceResponseDto, description: 'A new invoice, RECEIVED; 200 with the existing invoice for the same bytes' })
  @ApiOkResponse({ type: InvoiceResponseDto, description: 'The tenant already had these exact bytes: the existing invoice' })
  @ApiErrorResponses(400, 413, 415)
  async upload(
    @CurrentPrincipal() principal: Principal,
    @UploadedFile() file: UploadedDocument | undefined,
    @Body() body: UploadInvoiceDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InvoiceResponseDto> {
    if (!file) throw new InvalidInputError(`A multipart/form-data body with the document in the "${UPLOAD_FIELD}" field is required`);
    const { invoice, created } = await this.commands.execute(
      new IngestInvoiceCommand(principal.tenantId, { kind: 'upload', body: file.buffer, filename: file.originalname || null }, body.supplierId ?? null),
    );
    res.status(created ? 201 : 200).location(`/v1/invoices/${invoice.invoiceId}`);
    return InvoiceResponseDto.from(invoice);
  }

  @Get()
  @ApiOkResponse({ type: InvoicePageResponseDto, description: 'Newest first' })
  @ApiErrorResponses(400)
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListInvoicesQueryDto): Promise<InvoicePageResponseDto> {
    const page = await this.queries.execute(
      new ListInvoicesQuery(principal.tenantId, {
        status: query.status,
        supplierId: query.supplierId,
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
        cursor: query.cursor,
      }),
    );
    return { items: page.items.map(InvoiceSummaryResponseDto.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: InvoiceResponseDto })
  @ApiErrorResponses(404)
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<InvoiceResponseDto> {
    return InvoiceResponseDto.from(await this.queries.execute(new GetInvoiceQuery(principal.tenantId, id)));
  }

  @Get(':id/document')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg', 'image/tiff')
  @ApiOkResponse({ description: 'The original bytes, unchanged', schema: { type: 'string', format: 'binary' } })
  @ApiErrorResponses(404)
  async document(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const document = await this.queries.execute(new GetInvoiceDocumentQuery(principal.tenantId, id));
    res.attachment(document.filename); // RFC 6266 encoding, non-ASCII names included
    res.setHeader('ETag', `"${document.sha256}"`);
    return new StreamableFile(document.body, { type: document.contentType, length: document.body.length });
  }
}
