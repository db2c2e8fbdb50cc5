import { applyBylawsChanges, DEFAULT_BYLAWS, describeBylawsChanges, validateBylawsChanges } from './bylaws-rules.js';

function fieldOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as { details: { field?: string } }).details.field;
  }
  return undefined;
}

describe('bylaws rules', () => {
  it('keeps shares to four places rounded down, and the reserve to two', () => {
    expect(validateBylawsChanges({ assemblyQuorum: 1 / 3, defaultQuorum: 0, reserveMinimum: '20' })).toEqual({
      assemblyQuorum: '0.3333',
      defaultQuorum: '0.0000',
      reserveMinimum: '20.00',
    });
  });

  it.each([
    [{ assemblyQuorum: 1.01 }, 'changes.assemblyQuorum'],
    [{ assemblyQuorum: -0.1 }, 'changes.assemblyQuorum'],
    [{ defaultQuorum: 2 }, 'changes.defaultQuorum'],
    [{ amendmentThreshold: 0.5 }, 'changes.amendmentThreshold'],
    [{ amendmentThreshold: 0.50001 }, 'changes.amendmentThreshold'],
    [{ amendmentThreshold: 1.2 }, 'changes.amendmentThreshold'],
    [{ noticeDays: -1 }, 'changes.noticeDays'],
    [{ minVotingHours: -3 }, 'changes.minVotingHours'],
    [{ maxProxiesPerMember: -1 }, 'changes.maxProxiesPerMember'],
    [{ reserveMinimum: '100.01' }, 'changes.reserveMinimum'],
    [{ reserveMinimum: '-1' }, 'changes.reserveMinimum'],
    [{ reserveMinimum: '12.345' }, 'changes.reserveMinimum'],
    [{ sharesToJoin: -1 }, 'changes.sharesToJoin'],
    [{ sharesToJoin: 1.5 }, 'changes.sharesToJoin'],
    [{ sharesToJoin: 10_001 }, 'changes.sharesToJoin'],
    [{ redemptionCapPercent: '100.5' }, 'changes.redemptionCapPercent'],
    [{ redemptionCapPercent: '-1' }, 'changes.redemptionCapPercent'],
    [{ redemptionCapPercent: '2.125' }, 'changes.redemptionCapPercent'],
    [{}, 'changes'],
  ])('refuses %j naming %s', (input, field) => {
    expect(fieldOf(() => validateBylawsChanges(input))).toBe(field);
  });

  it('accepts the edges: 0 and 1 for shares, just above a half for the threshold, 0 and 100 for the reserve', () => {
    expect(
      validateBylawsChanges({ assemblyQuorum: 1, defaultQuorum: 0, amendmentThreshold: 0.5001, reserveMinimum: '100', noticeDays: 0 }),
    ).toEqual({ assemblyQuorum: '1.0000', defaultQuorum: '0.0000', amendmentThreshold: '0.5001', reserveMinimum: '100.00', noticeDays: 0 });
  });

  it('takes the share rules: shares to join and the redemption cap', () => {
    expect(validateBylawsChanges({ sharesToJoin: 3, redemptionCapPercent: '12.5' })).toEqual({
      sharesToJoin: 3,
      redemptionCapPercent: '12.50',
    });
    expect(validateBylawsChanges({ sharesToJoin: 0, redemptionCapPercent: '0' })).toEqual({
      sharesToJoin: 0,
      redemptionCapPercent: '0.00',
    });
  });

  it('applies changes over the current rules and describes them', () => {
    const changes = validateBylawsChanges({ noticeDays: 21, maxProxiesPerMember: 2 });
    expect(applyBylawsChanges(DEFAULT_BYLAWS, changes)).toEqual({ ...DEFAULT_BYLAWS, noticeDays: 21, maxProxiesPerMember: 2 });
    expect(describeBylawsChanges(DEFAULT_BYLAWS, changes)).toEqual(['noticeDays: 14 → 21', 'maxProxiesPerMember: 1 → 2']);
  });
});
