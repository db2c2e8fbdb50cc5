import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatDate } from '../format';
import {
  AdminBylawsDocument,
  AdminProposeBylawsAmendmentDocument,
  type AdminBylawsFieldsFragment,
  type BylawsInput,
} from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';
import { AdminGate, AdminProblem } from './admin-gate';

type Rule = Exclude<keyof BylawsInput & keyof AdminBylawsFieldsFragment, 'version'>;

/** Each rule, and how its value is typed: a share 0..1, a whole number, or a percentage (a decimal string). */
const RULES: Array<{ rule: Rule; kind: 'share' | 'int' | 'percent' }> = [
  { rule: 'amendmentThreshold', kind: 'share' },
  { rule: 'defaultQuorum', kind: 'share' },
  { rule: 'assemblyQuorum', kind: 'share' },
  { rule: 'maxProxiesPerMember', kind: 'int' },
  { rule: 'minVotingHours', kind: 'int' },
  { rule: 'noticeDays', kind: 'int' },
  { rule: 'redemptionCapPercent', kind: 'percent' },
  { rule: 'reserveMinimum', kind: 'percent' },
  { rule: 'sharesToJoin', kind: 'int' },
];

export function AdminBylawsPage() {
  const { t } = useTranslation();
  return (
    <AdminGate>
      <Page title={t('admin.bylaws.title')}>
        <Bylaws />
      </Page>
    </AdminGate>
  );
}

function Bylaws() {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: AdminBylawsDocument, requestPolicy: 'cache-and-network' });
  if (error && !data) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  const current = data.bylaws;
  return (
    <>
      <section aria-labelledby="current-heading" className="card">
        <h2 id="current-heading">{t('admin.bylaws.current', { version: current.version })}</h2>
        <Enacted bylaws={current} />
        <dl className="rules">
          {RULES.map(({ rule }) => (
            <div key={rule}>
              <dt>{t(`admin.bylaws.rules.${rule}`)}</dt>
              <dd>{String(current[rule])}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="history-heading" className="card">
        <h2 id="history-heading">{t('admin.bylaws.history')}</h2>
        {data.bylawsHistory.length === 0 ? <Empty>{t('admin.bylaws.noHistory')}</Empty> : null}
        <ol className="list" reversed>
          {data.bylawsHistory.map((version, index) => {
            const previous = data.bylawsHistory[index + 1];
            const changed = previous ? RULES.filter(({ rule }) => String(version[rule]) !== String(previous[rule])) : [];
            return (
              <li key={version.version}>
                <strong>{t('admin.bylaws.version', { version: version.version })}</strong>
                <Enacted bylaws={version} />
                {changed.length > 0 ? (
                  <ul>
                    {changed.map(({ rule }) => (
                      <li key={rule}>
                        {t('admin.bylaws.changed', {
                          rule: t(`admin.bylaws.rules.${rule}`),
                          from: String(previous![rule]),
                          to: String(version[rule]),
                        })}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>

      <ProposeAmendment current={current} />
    </>
  );
}

function Enacted({ bylaws }: { bylaws: AdminBylawsFieldsFragment }) {
  const { t } = useTranslation();
  return (
    <p className="meta">
      {t('admin.bylaws.adoptedAt', { date: formatDate(bylaws.adoptedAt as string, locale()) })}{' '}
      {bylaws.adoptedBy ? (
        <>
          {t('admin.bylaws.enactedBy')} <Link to={`/proposals/${bylaws.adoptedBy.id}`}>{bylaws.adoptedBy.title}</Link>
        </>
      ) : (
        t('admin.bylaws.founding')
      )}
    </p>
  );
}

function ProposeAmendment({ current }: { current: AdminBylawsFieldsFragment }) {
  const { t } = useTranslation();
  const id = useId();
  const [proposal, propose] = useMutation(AdminProposeBylawsAmendmentDocument);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [values, setValues] = useState<Partial<Record<Rule, string>>>({});
  const [created, setCreated] = useState<{ id: string; title: string } | undefined>();
  const [empty, setEmpty] = useState(false);

  async function onPropose(event: FormEvent) {
    event.preventDefault();
    const changes: Record<string, unknown> = {};
    for (const { rule, kind } of RULES) {
      const value = values[rule]?.trim().replace(',', '.');
      if (!value) continue;
      changes[rule] = kind === 'percent' ? value : Number(value);
    }
    setEmpty(Object.keys(changes).length === 0);
    if (Object.keys(changes).length === 0) return;
    const result = await propose({ title, body, changes: changes as BylawsInput });
    if (result.data) {
      setCreated(result.data.proposeBylawsAmendment);
      setValues({});
      setTitle('');
      setBody('');
      requestAnimationFrame(() => document.getElementById('amendment-done')?.focus());
    }
  }

  return (
    <section aria-labelledby="amend-heading" className="card">
      <h2 id="amend-heading">{t('admin.bylaws.propose')}</h2>
      <p className="hint">{t('admin.bylaws.proposeHint', { threshold: current.amendmentThreshold })}</p>
      <form onSubmit={onPropose} className="narrow">
        <label htmlFor={`${id}-title`}>{t('admin.bylaws.amendmentTitle')}</label>
        <input id={`${id}-title`} required value={title} onChange={(event) => setTitle(event.target.value)} />
        <label htmlFor={`${id}-body`}>{t('admin.bylaws.amendmentBody')}</label>
        <textarea id={`${id}-body`} required rows={3} value={body} onChange={(event) => setBody(event.target.value)} />
        <fieldset>
          <legend>{t('admin.bylaws.changes')}</legend>
          {RULES.map(({ rule, kind }) => (
            <div key={rule}>
              <label htmlFor={`${id}-${rule}`}>{t(`admin.bylaws.rules.${rule}`)}</label>
              <input
                id={`${id}-${rule}`}
                inputMode={kind === 'int' ? 'numeric' : 'decimal'}
                pattern={kind === 'int' ? '\\d+' : '\\d+([.,]\\d+)?'}
                value={values[rule] ?? ''}
                onChange={(event) => setValues({ ...values, [rule]: event.target.value })}
                aria-describedby={`${id}-${rule}-now`}
              />
              <p id={`${id}-${rule}-now`} className="hint">
                {t('admin.bylaws.now', { value: String(current[rule]) })} {t(`admin.bylaws.kinds.${kind}`)}
              </p>
            </div>
          ))}
        </fieldset>
        {empty ? (
          <p className="problem" role="alert">
            {t('admin.bylaws.nothingChanged')}
          </p>
        ) : null}
        {proposal.error ? <AdminProblem error={proposal.error} /> : null}
        <button type="submit" className="primary" disabled={proposal.fetching}>
          {t('admin.bylaws.proposeButton')}
        </button>
      </form>
      {created ? (
        <p id="amendment-done" tabIndex={-1} role="status" className="done">
          {t('admin.bylaws.proposed')} <Link to={`/proposals/${created.id}`}>{created.title}</Link>
        </p>
      ) : null}
    </section>
  );
}
