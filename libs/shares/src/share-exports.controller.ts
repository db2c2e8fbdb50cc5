import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, CurrentMember, type Principal } from '@commons/auth';
import { NotFoundError } from '@commons/core';
import { ShareCertificatesService } from './share-certificates.service.js';
import { asOfDate, ShareExportsService } from './share-exports.service.js';
import { SharesPolicy } from './shares.policy.js';

const CERTIFICATE_FILE = /^([0-9a-fA-F-]{36})\.pdf$/;

/** The register's downloads, with a bearer token like any other call. Errors before the first byte are JSON with the API's codes. */
@Controller('shares')
export class ShareExportsController {
  constructor(
    private readonly exports: ShareExportsService,
    private readonly certificates: ShareCertificatesService,
  ) {}

  /** ADMIN, AUDITOR: the register's entries in number order, up to `asOf` if given. */
  @Get('register.csv')
  @Allow(SharesPolicy.export)
  async register(@Query('asOf') asOf: unknown, @Res() response: Response): Promise<void> {
    const date = asOfDate(asOf);
    this.csv(response, `share-register${date ? `-${date.toISOString().slice(0, 10)}` : ''}.csv`, await this.exports.registerCsv(date));
  }

  /** ADMIN, AUDITOR: who held what as of `asOf` (default now), reconstructed from the entries. */
  @Get('holdings.csv')
  @Allow(SharesPolicy.export)
  async holdings(@Query('asOf') asOf: unknown, @Res() response: Response): Promise<void> {
    const date = asOfDate(asOf);
    this.csv(response, `share-holdings${date ? `-${date.toISOString().slice(0, 10)}` : ''}.csv`, await this.exports.holdingsCsv(date));
  }

  /** The member (or receiver), admins and auditors: the certificate of a settled subscription or transfer. */
  @Get('certificates/:file')
  @Allow(SharesPolicy.listRegister)
  async certificate(@CurrentMember() principal: Principal, @Param('file') file: string, @Res() response: Response): Promise<void> {
    const match = CERTIFICATE_FILE.exec(file);
    if (!match) throw new NotFoundError('Certificate', file);
    const { number, pdf } = await this.certificates.certificate(principal, match[1]);
    response
      .status(200)
      .set({
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="share-certificate-${number}.pdf"`,
        'cache-control': 'no-store',
      })
      .end(Buffer.from(pdf));
  }

  private csv(response: Response, fileName: string, body: string): void {
    response
      .status(200)
      .set({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      })
      .end(body);
  }
}
