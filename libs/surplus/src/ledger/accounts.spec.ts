import { ACCOUNTS, cashPayableAccount, compareAccounts, controlAccountOf, memberCapitalAccount, memberIdOf } from './accounts.js';

describe('accounts', () => {
  it('names member sub-accounts under their control account', () => {
    expect(memberCapitalAccount('m-1')).toBe('member_capital:m-1');
    expect(cashPayableAccount('m-1')).toBe('cash_payable:m-1');
    expect(() => memberCapitalAccount('')).toThrow(RangeError);
  });

  it('rolls sub-accounts up to their control account and finds their member', () => {
    expect(controlAccountOf('member_capital:m-1')).toBe(ACCOUNTS.memberCapital);
    expect(controlAccountOf('reserve')).toBe('reserve');
    expect(memberIdOf('cash_payable:m-1')).toBe('m-1');
    expect(memberIdOf('surplus')).toBeUndefined();
  });

  it('orders accounts by the chart, members by id, unknown accounts last', () => {
    const accounts = [
      'zeta',
      'cash_payable:b',
      'member_capital:b',
      'reserve',
      'member_capital:a',
      'bank',
      'alpha',
      'surplus',
      'member_capital',
    ];
    expect([...accounts].sort(compareAccounts)).toEqual([
      'bank',
      'surplus',
      'reserve',
      'member_capital',
      'member_capital:a',
      'member_capital:b',
      'cash_payable:b',
      'alpha',
      'zeta',
    ]);
  });
});
