import { createHash } from 'node:crypto';
import { type MinutesInput, writeMinutes } from './minutes.js';

const SITTING: MinutesInput = {
  title: 'Annual general assembly 2027',
  kind: 'ANNUAL',
  startsAt: new Date('2027-03-01T18:00:00.000Z'),
  openedAt: new Date('2027-03-01T18:05:00.000Z'),
  closedAt: new Date('2027-03-01T20:30:00.000Z'),
  location: 'Community hall',
  roll: 40,
  present: 9,
  represented: 3,
  quorum: '0.2500',
  quorumReached: true,
  items: [
    { position: 1, title: 'Welcome', proposal: null },
    {
      position: 2,
      title: 'Accounts',
      proposal: {
        id: '11111111-1111-4111-8111-111111111111',
        title: 'Approve the accounts',
        method: 'MAJORITY',
        threshold: '0.5000',
        seats: 1,
        secret: false,
        status: 'CLOSED',
        eligible: 40,
        participants: 12,
        counts: [
          { label: 'FOR', votes: '10.000000' },
          { label: 'AGAINST', votes: '2.000000' },
          { label: 'ABSTAIN', votes: '0.000000' },
        ],
        outcome: 'PASSED',
        winners: null,
      },
    },
    {
      position: 3,
      title: 'Board *election*',
      proposal: {
        id: '22222222-2222-4222-8222-222222222222',
        title: 'Elect two',
        method: 'APPROVAL',
        threshold: '0.5000',
        seats: 2,
        secret: true,
        status: 'CLOSED',
        eligible: 40,
        participants: 11,
        counts: [
          { label: 'Ana', votes: '8.000000' },
          { label: 'Ben', votes: '2.500000' },
          { label: 'Chloé', votes: '7.000000' },
        ],
        outcome: 'PASSED',
        winners: ['Ana', 'Chloé'],
      },
    },
  ],
};

describe('writeMinutes', () => {
  it('writes the sitting as Markdown: attendance, quorum, each item with its method, counts and outcome', () => {
    expect(writeMinutes(SITTING)).toBe(
      [
        '# Minutes: Annual general assembly 2027',
        '',
        '- Kind: ANNUAL general assembly',
        '- Date: 2027-03-01T18:00:00.000Z',
        '- Opened: 2027-03-01T18:05:00.000Z',
        '- Closed: 2027-03-01T20:30:00.000Z',
        '- Place: Community hall',
        '',
        '## Attendance',
        '',
        '- Roll: 40 (members ACTIVE when the sitting opened)',
        '- Present: 9',
        '- Represented: 3 (absent members whose proxy was held by a member present)',
        '- Quorum: reached, 12 present or represented; the bylaws require 0.25 of the roll (10)',
        '',
        '## Agenda',
        '',
        '### 1. Welcome',
        '',
        'No vote on this item.',
        '',
        '### 2. Accounts',
        '',
        '- Proposal: Approve the accounts (11111111-1111-4111-8111-111111111111)',
        '- Method: MAJORITY, threshold 0.5, open ballot',
        '- Participants: 12 of 40 on the roll (present and represented)',
        '- Counts: FOR 10, AGAINST 2, ABSTAIN 0',
        '- Outcome: PASSED',
        '',
        '### 3. Board \\*election\\*',
        '',
        '- Proposal: Elect two (22222222-2222-4222-8222-222222222222)',
        '- Method: APPROVAL, 2 seats, secret ballot',
        '- Participants: 11 of 40 on the roll (present and represented)',
        '- Counts: Ana 8, Ben 2.5, Chloé 7',
        '- Outcome: PASSED',
        '- Winners: Ana, Chloé',
        '',
      ].join('\n'),
    );
  });

  it('is deterministic, so its sha256 identifies it', () => {
    const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    expect(hash(writeMinutes(SITTING))).toBe(hash(writeMinutes(structuredClone(SITTING))));
    expect(hash(writeMinutes({ ...SITTING, present: 8 }))).not.toBe(hash(writeMinutes(SITTING)));
  });

  it('keeps text from members from breaking the structure, and says when quorum failed', () => {
    const text = writeMinutes({
      ...SITTING,
      title: 'Line one\n# Injected heading',
      location: null,
      quorumReached: false,
      present: 1,
      represented: 0,
      items: [{ ...SITTING.items[1], proposal: { ...SITTING.items[1].proposal!, outcome: 'NO_QUORUM' } }],
    });
    expect(text.split('\n')[0]).toBe('# Minutes: Line one \\# Injected heading');
    expect(text).toContain('- Place: not given');
    expect(text).toContain('- Quorum: not reached, 1 present or represented; the bylaws require 0.25 of the roll (10)');
    expect(text).toContain('- Outcome: NO_QUORUM');
    expect(text.trimEnd().endsWith('its proposals closed as NO_QUORUM.')).toBe(true);
  });

  it('records a proposal withdrawn before the sitting as not voted', () => {
    const text = writeMinutes({
      ...SITTING,
      items: [{ position: 1, title: 'Dropped', proposal: { ...SITTING.items[1].proposal!, status: 'WITHDRAWN', outcome: null } }],
    });
    expect(text).toContain('- Outcome: not voted (the proposal is WITHDRAWN)');
    expect(text).not.toContain('- Counts:');
  });
});
