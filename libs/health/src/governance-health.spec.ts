import { type DecisionRecord, gini, governanceHealth, HealthAlertKind, MAX_LARGEST_VOTER_ALERTS } from './governance-health.js';

const from = new Date('2026-01-01T00:00:00.000Z');
const to = new Date('2026-12-31T00:00:00.000Z');

function decision(title: string, eligible: number, carried: Record<string, number>, represented: string[] = [], day = 1): DecisionRecord {
  return {
    proposalId: `p-${title}`,
    title,
    closedAt: new Date(Date.UTC(2026, 5, day)),
    eligible,
    carried: new Map(Object.entries(carried)),
    represented,
  };
}

describe('governanceHealth', () => {
  it('with no decisions: nothing measured, nothing alerted', () => {
    const health = governanceHealth({ from, to, active: new Set(['a', 'b']), decisions: [], split: null });
    expect(health).toEqual({
      from,
      to,
      members: 2,
      decisions: 0,
      participation: 0,
      reach: 0,
      largestVoterShare: 0,
      votingWeightGini: 0,
      keptInCommon: null,
      alerts: [],
      alertDetails: [],
    });
  });

  it('equal weights give a Gini coefficient of 0', () => {
    expect(gini([1, 1, 1, 1]).toString()).toBe('0');
    const health = governanceHealth({
      from,
      to,
      active: new Set(['a', 'b', 'c', 'd']),
      decisions: [decision('Equal', 4, { a: 1, b: 1, c: 1, d: 1 })],
      split: null,
    });
    expect(health.votingWeightGini).toBe(0);
    expect(health.participation).toBe(1);
    expect(health.reach).toBe(1);
    expect(health.largestVoterShare).toBe(0.25);
    expect(health.alerts).toEqual([]);
  });

  it('one member holding all the delegations: every vote is theirs, and the alerts say so', () => {
    // a votes for themself and b, c, d: weights [4, 0, 0, 0]; Gini = (3 * 4) / (4 * 4) = 3/4 by hand.
    const health = governanceHealth({
      from,
      to,
      active: new Set(['a', 'b', 'c', 'd', 'e']),
      decisions: [decision('Buy the van', 5, { a: 4 }, ['b', 'c', 'd'])],
      split: null,
    });
    expect(gini([4, 0, 0, 0]).toString()).toBe('3/4');
    expect(health.largestVoterShare).toBe(1);
    expect(health.votingWeightGini).toBe(0.75);
    expect(health.participation).toBe(0.8);
    expect(health.reach).toBe(0.8);
    expect(health.alerts).toEqual([
      "One member cast 100% of the votes on 'Buy the van'.",
      'Voting weight is concentrated: the Gini coefficient averages 0.75 over 1 decision.',
    ]);
    // The same alerts as data, for the web app to word in Polish too.
    expect(health.alertDetails).toEqual([
      { kind: HealthAlertKind.LARGEST_VOTER, value: 1, decisions: 1, proposalId: 'p-Buy the van', title: 'Buy the van' },
      { kind: HealthAlertKind.CONCENTRATED_WEIGHT, value: 0.75, decisions: 1, proposalId: null, title: null },
    ]);
  });

  it('means over decisions, the largest share over the window, reach over the union, kept in common exactly', () => {
    // 1st: a carries 2 (b delegated), c 1: weights [2, 1, 0]; pairs = 0*(-2) + 1*0 + 2*2 = 4; Gini = 4 / (3 * 3) = 4/9.
    // 2nd: d alone, 1 of 6: Gini 0, largest share 1 but carrying only themself, so no alert.
    const health = governanceHealth({
      from,
      to,
      active: new Set(['a', 'b', 'c', 'd', 'e', 'f']),
      decisions: [decision('First', 6, { a: 2, c: 1 }, ['b'], 2), decision('Second', 6, { d: 1 }, [], 3)],
      split: { surplus: '50000.01', reserve: '15000.00', education: '5000.00', commons: '10000.00' },
    });
    expect(gini([2, 1, 0]).toString()).toBe('4/9');
    expect(health.decisions).toBe(2);
    expect(health.participation).toBe((3 / 6 + 1 / 6) / 2);
    expect(health.reach).toBe(4 / 6);
    expect(health.largestVoterShare).toBe(1);
    expect(health.votingWeightGini).toBe(2 / 9);
    expect(health.keptInCommon).toBe(30000 / 50000.01);
    expect(health.alerts).toEqual(["One member cast 67% of the votes on 'First'."]);
  });

  it('names at most the 20 most recent decisions one voter dominated, so the other alerts still show', () => {
    const decisions = Array.from({ length: 25 }, (_, i) => decision(`D${i + 1}`, 2, { a: 2 }, ['b'], i + 1));
    const health = governanceHealth({ from, to, active: new Set(['a', 'b']), decisions, split: null });
    const largest = health.alertDetails.filter((alert) => alert.kind === HealthAlertKind.LARGEST_VOTER);
    expect(MAX_LARGEST_VOTER_ALERTS).toBe(20);
    expect(largest.map((alert) => alert.title)).toEqual(Array.from({ length: 20 }, (_, i) => `D${i + 6}`));
    expect(health.alertDetails.map((alert) => alert.kind).slice(20)).toEqual([HealthAlertKind.CONCENTRATED_WEIGHT]);
    expect(health.alerts).toHaveLength(21);
    expect(health.alerts[0]).toBe("One member cast 100% of the votes on 'D6'.");
  });

  it('warns when few of the active members take part', () => {
    const health = governanceHealth({
      from,
      to,
      active: new Set(['a', 'b', 'c', 'd', 'e']),
      decisions: [decision('Quiet', 5, { a: 1, b: 1 })],
      split: { surplus: '0.00', reserve: '0.00', education: '0.00', commons: '0.00' },
    });
    expect(health.keptInCommon).toBeNull();
    expect(health.alerts).toEqual(['Only 40% of the active members took part in the one decision.']);
    expect(health.alertDetails).toEqual([{ kind: HealthAlertKind.LOW_REACH, value: 0.4, decisions: 1, proposalId: null, title: null }]);
  });
});
