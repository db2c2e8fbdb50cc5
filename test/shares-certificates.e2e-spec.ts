import { extractText, getDocumentProxy } from 'unpdf';
import type { TestApp, TestMember } from '@commons/testing';
import {
  DECIDE,
  REQUEST_REDEMPTION,
  REQUEST_SHARES,
  REQUEST_TRANSFER,
  SETTLE,
  shareClass,
  subscribed,
  withSharesApp,
} from './shares-helpers.js';
import { parseCsv } from './surplus-helpers.js';

async function download(t: TestApp, path: string, token?: string) {
  const response = await fetch(`${t.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, type: response.headers.get('content-type'), body: new Uint8Array(await response.arrayBuffer()) };
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text;
}

describe('share certificates and register exports', () => {
  let t: TestApp;
  let admin: TestMember;

  withSharesApp({ redemptionCapPercent: '100' }, (app) => ({ t, admin } = app), { COOP_NAME: 'Bakery Workers Co-op' });

  it('issues a PDF for a settled subscription that states the entry and its audit hash', async () => {
    const { id: classId } = await t
      .ok(
        'mutation { createShareClass(input: { code: "A", name: "Worker shares", nominalValue: "25.00", redeemable: true }) { id } }',
        {},
        admin.token,
      )
      .then((data) => data.createShareClass);
    const member = await t.member({ name: 'Ada Baker' });
    const settled = await subscribed(t, admin, member, classId, 4, '2026-03-15T10:00:00.000Z');
    const response = await download(t, `/shares/certificates/${settled.id}.pdf`, member.token);
    expect(response.status).toBe(200);
    expect(response.type).toBe('application/pdf');
    const text = await pdfText(response.body);
    const { auditLog } = await t.ok(
      'query($id: ID!) { auditLog(entityId: $id, action: "share_operation.settled") { edges { node { seq hash } } } }',
      { id: settled.id },
      admin.token,
    );
    const { hash, seq } = auditLog.edges[0].node;
    for (const line of [
      'Bakery Workers Co-op',
      'Share certificate',
      `Register entry: ${settled.number}`,
      'Date of entry: 2026-03-15',
      `Member: Ada Baker (${member.id})`,
      'Share class: A - Worker shares',
      'Quantity: 4',
      'Nominal value: 25.00',
      'Amount: 100.00',
      `Audit entry: ${seq}`,
      `Audit hash: ${hash}`,
    ]) {
      expect(text).toContain(line);
    }
  });

  it('gives a transfer’s certificate to the receiver, and none for redemptions or unsettled operations', async () => {
    const { id: classId } = await shareClass(t, admin, { redeemable: true });
    const giver = await t.member({ name: 'Giver' });
    const receiver = await t.member({ name: 'Receiver' });
    await subscribed(t, admin, giver, classId, 3);
    const { requestShareTransfer } = await t.ok(REQUEST_TRANSFER, { to: receiver.id, classId, quantity: 2 }, giver.token);
    await t.ok(DECIDE, { id: requestShareTransfer.id, approve: true }, admin.token);
    await t.ok(SETTLE, { id: requestShareTransfer.id, on: new Date().toISOString() }, admin.token);
    const certificate = await download(t, `/shares/certificates/${requestShareTransfer.id}.pdf`, receiver.token);
    expect(certificate.status).toBe(200);
    const text = await pdfText(certificate.body);
    expect(text).toContain(`Member: Receiver (${receiver.id})`);
    expect(text).toContain(`Transferred by: Giver (${giver.id})`);

    const { requestRedemption } = await t.ok(REQUEST_REDEMPTION, { classId, quantity: 1 }, giver.token);
    await t.ok(DECIDE, { id: requestRedemption.id, approve: true }, admin.token);
    await t.ok(SETTLE, { id: requestRedemption.id, on: new Date().toISOString() }, admin.token);
    expect((await download(t, `/shares/certificates/${requestRedemption.id}.pdf`, giver.token)).status).toBe(409);
    const { requestShares } = await t.ok(REQUEST_SHARES, { classId, quantity: 1 }, giver.token);
    expect((await download(t, `/shares/certificates/${requestShares.id}.pdf`, giver.token)).status).toBe(409);
    expect((await download(t, '/shares/certificates/00000000-0000-4000-8000-000000000000.pdf', admin.token)).status).toBe(404);
    expect((await download(t, '/shares/certificates/nonsense.pdf', admin.token)).status).toBe(404);
  });

  it('serves certificates to the member, admins and auditors only', async () => {
    const { id: classId } = await shareClass(t, admin);
    const member = await t.member();
    const settled = await subscribed(t, admin, member, classId, 1);
    const auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never });
    const other = await t.member();
    const path = `/shares/certificates/${settled.id}.pdf`;
    expect((await download(t, path)).status).toBe(401);
    expect((await download(t, path, other.token)).status).toBe(403);
    expect((await download(t, path, auditor.token)).status).toBe(200);
    expect((await download(t, path, admin.token)).status).toBe(200);
  });

  it('exports the register and the holdings as of a date for auditors, reconstructed from the entries', async () => {
    const { id: classId, code } = await shareClass(t, admin, { nominalValue: '10.00' });
    const one = await t.member({ name: '=Formula' });
    const two = await t.member();
    await subscribed(t, admin, one, classId, 5, '2025-01-10T00:00:00.000Z');
    await subscribed(t, admin, two, classId, 2, '2025-02-10T00:00:00.000Z');
    const { requestShareTransfer } = await t.ok(REQUEST_TRANSFER, { to: two.id, classId, quantity: 3 }, one.token);
    await t.ok(DECIDE, { id: requestShareTransfer.id, approve: true }, admin.token);
    await t.ok(SETTLE, { id: requestShareTransfer.id, on: '2025-03-10T00:00:00.000Z' }, admin.token);
    const auditor = await t.member({ roles: ['MEMBER', 'AUDITOR'] as never });
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

    const register = parseCsv(text((await download(t, '/shares/register.csv', auditor.token)).body));
    expect(register[0]).toEqual([
      'number',
      'settled_at',
      'kind',
      'member_id',
      'member_name',
      'counterpart_id',
      'counterpart_name',
      'share_class',
      'quantity',
      'nominal_value',
      'amount',
      'operation_id',
    ]);
    const numbers = register.slice(1).map((row) => Number(row[0]));
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, index) => index + 1));
    const mine = register.filter((row) => row[7] === code);
    expect(mine.map((row) => [row[2], row[4], row[8], row[10]])).toEqual([
      ['SUBSCRIPTION', "'=Formula", '5', '50.00'],
      ['SUBSCRIPTION', expect.any(String), '2', '20.00'],
      ['TRANSFER', "'=Formula", '3', '30.00'],
    ]);

    const holdingsAt = async (asOf: string) =>
      parseCsv(text((await download(t, `/shares/holdings.csv?asOf=${asOf}`, admin.token)).body))
        .filter((row) => row[2] === code)
        .map((row) => [row[0], row[3], row[5]]);
    expect(await holdingsAt('2025-02-01T00:00:00Z')).toEqual([[one.id, '5', '50.00']]);
    expect((await holdingsAt('2025-03-01T00:00:00Z')).sort()).toEqual(
      [
        [one.id, '5', '50.00'],
        [two.id, '2', '20.00'],
      ].sort(),
    );
    expect((await holdingsAt('2025-12-31T00:00:00Z')).sort()).toEqual(
      [
        [one.id, '2', '20.00'],
        [two.id, '5', '50.00'],
      ].sort(),
    );
    expect((await download(t, '/shares/holdings.csv?asOf=yesterday', admin.token)).status).toBe(400);
    expect((await download(t, '/shares/register.csv', one.token)).status).toBe(403);
    expect((await download(t, '/shares/register.csv')).status).toBe(401);
  });
});
