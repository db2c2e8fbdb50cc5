import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Page } from '../components/page';
import { Loading, Problem } from '../components/states';
import {
  MyNotificationPreferencesDocument,
  SetNotificationPreferencesDocument,
  type DigestFrequency,
  type NotificationKind,
} from '../graphql/generated/graphql';

const DIGESTS: DigestFrequency[] = ['NEVER', 'DAILY', 'WEEKLY'];
const KINDS: NotificationKind[] = [
  'PROPOSAL_OPENED',
  'CLOSING_SOON',
  'PROPOSAL_CLOSED',
  'BUDGET_PHASE_CHANGED',
  'ASSEMBLY_CONVENED',
  'MEMBERSHIP_CHANGED',
  'PROPOSAL_PUBLISHED',
  'COMMENT_REPLY',
  'AMENDMENT_PROPOSED',
  'AMENDMENT_DECIDED',
];

interface Choices {
  email: boolean;
  digest: DigestFrequency;
  muted: NotificationKind[];
}

/** /settings/notifications, where every notification email links: email on or off, digests, muted kinds. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: MyNotificationPreferencesDocument });
  const [saving, save] = useMutation(SetNotificationPreferencesDocument);
  const [choices, setChoices] = useState<Choices | undefined>();
  const [done, setDone] = useState(false);
  const saved = data?.myNotificationPreferences;
  useEffect(() => {
    if (saved && !choices) setChoices({ email: saved.email, digest: saved.digest, muted: [...saved.muted] });
  }, [saved, choices]);

  function change(next: Partial<Choices>) {
    setChoices((previous) => (previous ? { ...previous, ...next } : previous));
    setDone(false);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!choices) return;
    const result = await save({ input: choices });
    if (result.data) {
      const stored = result.data.setNotificationPreferences;
      setChoices({ email: stored.email, digest: stored.digest, muted: [...stored.muted] });
      setDone(true);
    }
  }

  return (
    <Page title={t('mySpace.settings.title')}>
      <p>{t('mySpace.settings.intro')}</p>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {choices ? (
        <form onSubmit={submit} className="card settings" aria-label={t('mySpace.settings.title')}>
          <label className="check">
            <input type="checkbox" checked={choices.email} onChange={(event) => change({ email: event.target.checked })} />
            {t('mySpace.settings.email')}
          </label>
          <fieldset disabled={!choices.email}>
            <legend>{t('mySpace.settings.digest')}</legend>
            {DIGESTS.map((digest) => (
              <label key={digest} className="check">
                <input type="radio" name="digest" value={digest} checked={choices.digest === digest} onChange={() => change({ digest })} />
                {t(`mySpace.settings.${digest}`)}
              </label>
            ))}
          </fieldset>
          <fieldset disabled={!choices.email} aria-describedby="muted-hint">
            <legend>{t('mySpace.settings.muted')}</legend>
            <p id="muted-hint" className="hint">
              {t('mySpace.settings.mutedHint')}
            </p>
            {KINDS.map((kind) => (
              <label key={kind} className="check">
                <input
                  type="checkbox"
                  checked={choices.muted.includes(kind)}
                  onChange={(event) =>
                    change({
                      muted: event.target.checked ? [...choices.muted, kind] : choices.muted.filter((muted) => muted !== kind),
                    })
                  }
                />
                {t(`mySpace.kind.${kind}`)}
              </label>
            ))}
          </fieldset>
          {saving.error ? <Problem error={saving.error} /> : null}
          <button type="submit" className="primary" disabled={saving.fetching}>
            {t('mySpace.settings.save')}
          </button>
          <p role="status" className="done">
            {done ? t('mySpace.settings.saved') : ''}
          </p>
        </form>
      ) : null}
      <p>
        <Link to="/notifications">{t('mySpace.settings.inbox')}</Link>
      </p>
    </Page>
  );
}
