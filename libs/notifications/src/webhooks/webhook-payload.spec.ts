import { createHmac } from 'node:crypto';
import { deliveryBody, eventOf, publicFacts, signature, subscribes } from './webhook-payload.js';

describe('webhook payloads', () => {
  it('calls an automatic close proposal.closed, and subscribes * to everything', () => {
    expect(eventOf('proposal.closed_automatically')).toBe('proposal.closed');
    expect(eventOf('member.admitted')).toBe('member.admitted');
    expect(subscribes(['*'], 'budget.phase_changed')).toBe(true);
    expect(subscribes(['proposal.closed'], 'proposal.opened')).toBe(false);
  });

  it("never carries a ballot's choice, an email address or a client address", () => {
    const facts = publicFacts({
      secret: true,
      optionIds: ['a'],
      scores: [3],
      projectIds: ['p'],
      email: 'x@coop.test',
      address: '10.0.0.1',
      outcome: 'PASSED',
      note: 'write to ana@coop.test',
      winners: [{ label: 'Yes' }],
    });
    expect(facts).toEqual({ secret: true, outcome: 'PASSED', winners: [{ label: 'Yes' }] });
  });

  it('writes the body once, with the delivery id, and signs its raw bytes', () => {
    const body = deliveryBody('d-1', {
      seq: '7',
      at: new Date('2026-12-01T10:00:00.000Z'),
      actorId: null,
      action: 'proposal.closed_automatically',
      entityType: 'Proposal',
      entityId: 'p-1',
      data: { outcome: 'REJECTED' },
    });
    expect(JSON.parse(body)).toEqual({
      id: 'd-1',
      event: 'proposal.closed',
      occurredAt: '2026-12-01T10:00:00.000Z',
      data: { entityType: 'Proposal', entityId: 'p-1', actorId: null, outcome: 'REJECTED' },
    });
    expect(signature('s3cret', body)).toBe(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
  });
});
