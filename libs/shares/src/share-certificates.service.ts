import { Inject, Injectable } from '@nestjs/common';
import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';
import { AuditSealerService } from '@commons/audit';
import { permit, type Principal } from '@commons/auth';
import { APP_CONFIG, type AppConfig, assertUuid, ConflictError, NotFoundError } from '@commons/core';
import { UnitOfWork } from '@commons/db';
import { ShareOperationKind, ShareOperationStatus } from './entities/share-operation.entity.js';
import { SharesPolicy } from './shares.policy.js';

interface CertificateFacts {
  id: string;
  number: number;
  kind: ShareOperationKind;
  status: ShareOperationStatus;
  member_id: string;
  member_name: string;
  counterpart_id: string | null;
  counterpart_name: string | null;
  code: string;
  class_name: string;
  quantity: number;
  nominal_value: string;
  amount: string;
  settled_at: Date;
  audit_seq: string | null;
  audit_hash: string | null;
}

/** The lines a certificate states, in order (the PDF holds exactly these, one per line). */
export function certificateLines(coopName: string, facts: CertificateFacts): string[] {
  const holder = facts.kind === ShareOperationKind.TRANSFER ? facts.counterpart_name! : facts.member_name;
  const holderId = facts.kind === ShareOperationKind.TRANSFER ? facts.counterpart_id! : facts.member_id;
  return [
    coopName,
    'Share certificate',
    `Register entry: ${facts.number}`,
    `Date of entry: ${facts.settled_at.toISOString().slice(0, 10)}`,
    `Kind: ${facts.kind === ShareOperationKind.TRANSFER ? 'transfer' : 'subscription'}`,
    `Member: ${holder} (${holderId})`,
    ...(facts.kind === ShareOperationKind.TRANSFER ? [`Transferred by: ${facts.member_name} (${facts.member_id})`] : []),
    `Share class: ${facts.code} - ${facts.class_name}`,
    `Quantity: ${facts.quantity}`,
    `Nominal value: ${facts.nominal_value}`,
    `Amount: ${facts.amount}`,
    `Audit entry: ${facts.audit_seq}`,
    `Audit hash: ${facts.audit_hash}`,
    `Operation: ${facts.id}`,
  ];
}

/** Text the standard font can draw: other characters become "?" (the ids and the hash stay exact). */
function drawable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text].map((char) => (supported.has(char.codePointAt(0)!) ? char : '?')).join('');
}

/**
 * `GET /shares/certificates/:operationId.pdf`: a certificate for a settled subscription or transfer, stating
 * the co-op, the member, the class, the quantity, the nominal value, the register's entry number and date, and
 * the hash of the entry's audit record (`share_operation.settled`) in the audit chain, so anyone can check it
 * against `auditLog`. Made with pdf-lib; the same entry always gives the same text.
 */
@Injectable()
export class ShareCertificatesService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly sealer: AuditSealerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async certificate(principal: Principal | undefined, operationId: string): Promise<{ number: number; pdf: Uint8Array }> {
    const id = assertUuid(operationId, 'operationId');
    let facts = await this.facts(id);
    if (!facts) throw new NotFoundError('Share operation', id);
    permit(SharesPolicy.readOperation, principal, { memberId: facts.member_id, counterpartId: facts.counterpart_id });
    if (facts.status !== ShareOperationStatus.PAID || facts.kind === ShareOperationKind.REDEMPTION)
      throw new ConflictError('Certificates are issued for settled subscriptions and transfers only.');
    if (!facts.audit_hash) {
      await this.sealer.sealPending();
      facts = (await this.facts(id))!;
    }
    const document = await PDFDocument.create();
    document.setTitle(`Share certificate, register entry ${facts.number}`);
    document.setProducer('Commons');
    document.setCreationDate(facts.settled_at);
    document.setModificationDate(facts.settled_at);
    const font = await document.embedFont(StandardFonts.Helvetica);
    const bold = await document.embedFont(StandardFonts.HelveticaBold);
    const page = document.addPage([595.28, 841.89]);
    certificateLines(this.config.coopName, facts).forEach((line, index) => {
      const heading = index < 2;
      const face = heading ? bold : font;
      page.drawText(drawable(face, line), { x: 56, y: 780 - index * 28, size: heading ? 18 : 11, font: face });
    });
    return { number: facts.number, pdf: await document.save({ useObjectStreams: false }) };
  }

  private async facts(id: string): Promise<CertificateFacts | null> {
    const [row]: CertificateFacts[] = await this.work.manager.query(
      `SELECT o.id, o.number, o.kind, o.status, o.member_id, m.name AS member_name, o.counterpart_id, r.name AS counterpart_name,
              c.code, c.name AS class_name, o.quantity, c.nominal_value::text AS nominal_value, o.amount::text AS amount, o.settled_at,
              a.seq::text AS audit_seq, a.hash AS audit_hash
         FROM share_operations o JOIN members m ON m.id = o.member_id JOIN share_classes c ON c.id = o.share_class_id
         LEFT JOIN members r ON r.id = o.counterpart_id
         LEFT JOIN audit_entries a ON a.action = 'share_operation.settled' AND a.entity_id = o.id::text
        WHERE o.id = $1`,
      [id],
    );
    return row ?? null;
  }
}
