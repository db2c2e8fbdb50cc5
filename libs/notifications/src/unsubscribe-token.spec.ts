import { NotificationKind } from './entities/notification.entity.js';
import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe-token.js';

describe('unsubscribe tokens', () => {
  const memberId = '2f1c7a8e-0c1b-4a55-9d2e-3b1f0a9c7d11';
  const secret = 'a-secret-of-at-least-thirty-two-characters';

  it('reads back what it signed', () => {
    const token = unsubscribeToken(secret, { memberId, kind: NotificationKind.CLOSING_SOON });
    expect(readUnsubscribeToken(secret, token)).toEqual({ memberId, kind: NotificationKind.CLOSING_SOON });
  });

  it('refuses a token signed with another secret, or with its kind or member changed', () => {
    const token = unsubscribeToken(secret, { memberId, kind: NotificationKind.CLOSING_SOON });
    expect(readUnsubscribeToken('another-secret-of-at-least-thirty-two-chars', token)).toBeNull();
    expect(readUnsubscribeToken(secret, token.replace('CLOSING_SOON', 'PROPOSAL_OPENED'))).toBeNull();
    expect(readUnsubscribeToken(secret, token.replace(memberId, '00000000-0000-4000-8000-000000000000'))).toBeNull();
    expect(readUnsubscribeToken(secret, 'nonsense')).toBeNull();
  });
});
