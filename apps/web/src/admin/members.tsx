import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import {
  AdminAdmitDocument,
  AdminGrantRoleDocument,
  AdminMembersDocument,
  AdminReinstateDocument,
  AdminRevokeRoleDocument,
  AdminSuspendDocument,
  type AdminMemberFieldsFragment,
  type MemberStatus,
  type Role,
} from '../graphql/generated/graphql';
import { AdminGate, AdminProblem } from './admin-gate';

const MANAGED_ROLES: Role[] = ['ADMIN', 'AUDITOR'];

export function AdminMembersPage() {
  const { t } = useTranslation();
  return (
    <AdminGate>
      <Page title={t('admin.members.title')}>
        <Applicants />
        <Register />
      </Page>
    </AdminGate>
  );
}

function announce(set: (message: string) => void, message: string) {
  set(message);
  requestAnimationFrame(() => document.getElementById('admin-done')?.focus());
}

/** The admission queue: admit, or leave pending (nothing to do). */
function Applicants() {
  const { t } = useTranslation();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AdminMembersDocument,
    variables: { status: 'APPLICANT', first: 100 },
  });
  const [admission, admit] = useMutation(AdminAdmitDocument);
  const [done, setDone] = useState('');
  async function onAdmit(member: AdminMemberFieldsFragment) {
    const result = await admit({ memberId: member.id });
    if (result.data) {
      announce(setDone, t('admin.members.admitted', { name: member.name }));
      refetch({ requestPolicy: 'network-only' });
    }
  }
  const applicants = data?.members.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby="applicants-heading" className="card">
      <h2 id="applicants-heading">{t('admin.members.queue')}</h2>
      <p id="admin-done" tabIndex={-1} role="status" className="done">
        {done}
      </p>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data && applicants.length === 0 ? <Empty>{t('admin.members.noApplicants')}</Empty> : null}
      {admission.error ? <AdminProblem error={admission.error} /> : null}
      <ul className="list">
        {applicants.map((member) => (
          <li key={member.id}>
            <span>
              <strong>{member.name}</strong>
              <span className="meta">
                {' '}
                {member.email} · {member.stakeholderClass}
              </span>
            </span>
            <button
              type="button"
              className="primary"
              disabled={admission.fetching}
              onClick={() => void onAdmit(member)}
              aria-label={t('admin.members.admitName', { name: member.name })}
            >
              {t('admin.members.admit')}
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">{t('admin.members.pendingHint')}</p>
    </section>
  );
}

/** The register, searched by name or email, with each member's standing and roles. */
function Register() {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<MemberStatus | ''>('ACTIVE');
  const [search, setSearch] = useState('');
  const [after, setAfter] = useState<string | undefined>();
  const [done, setDone] = useState('');
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AdminMembersDocument,
    variables: { status: status || undefined, first: 100, after },
  });
  const needle = search.trim().toLocaleLowerCase();
  const members = (data?.members.edges.map((edge) => edge.node) ?? []).filter(
    (member) =>
      needle === '' || member.name.toLocaleLowerCase().includes(needle) || (member.email ?? '').toLocaleLowerCase().includes(needle),
  );
  return (
    <section aria-labelledby="register-heading" className="card">
      <h2 id="register-heading">{t('admin.members.register')}</h2>
      <div className="filters">
        <label htmlFor={`${id}-search`}>{t('admin.members.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          onChange={(event) => {
            setDone('');
            setSearch(event.target.value);
          }}
        />
        <label htmlFor={`${id}-status`}>{t('admin.members.status')}</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(event) => {
            setAfter(undefined);
            setStatus(event.target.value as MemberStatus | '');
          }}
        >
          <option value="">{t('admin.members.anyStatus')}</option>
          {(['ACTIVE', 'SUSPENDED', 'APPLICANT', 'WITHDRAWN'] as const).map((value) => (
            <option key={value} value={value}>
              {t(`admin.memberStatus.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <p id="register-done" tabIndex={-1} role="status" className="done">
        {done}
      </p>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data ? (
        <p className="meta" role="status">
          {t('admin.members.shown', { shown: members.length, total: data.members.totalCount })}
        </p>
      ) : null}
      {data && members.length === 0 ? <Empty>{t('admin.members.noMatch')}</Empty> : null}
      <ul className="list">
        {members.map((member) => (
          <MemberRow
            key={member.id}
            member={member}
            onChanged={(message) => {
              setDone(message);
              refetch({ requestPolicy: 'network-only' });
            }}
          />
        ))}
      </ul>
      {data?.members.pageInfo.hasNextPage ? (
        <button type="button" onClick={() => setAfter(data.members.pageInfo.endCursor ?? undefined)}>
          {t('list.more')}
        </button>
      ) : null}
    </section>
  );
}

function MemberRow({ member, onChanged }: { member: AdminMemberFieldsFragment; onChanged(message: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [suspending, setSuspending] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<CombinedError | undefined>();
  const [suspension, suspend] = useMutation(AdminSuspendDocument);
  const [reinstatement, reinstate] = useMutation(AdminReinstateDocument);
  const [grant, grantRole] = useMutation(AdminGrantRoleDocument);
  const [revoke, revokeRole] = useMutation(AdminRevokeRoleDocument);
  const busy = suspension.fetching || reinstatement.fetching || grant.fetching || revoke.fetching;

  async function run(work: Promise<{ data?: unknown; error?: CombinedError }>, message: string) {
    const result = await work;
    setFailure(result.error);
    if (result.data) onChanged(message);
  }

  async function onSuspend(event: FormEvent) {
    event.preventDefault();
    await run(suspend({ memberId: member.id, reason }), t('admin.members.suspended', { name: member.name }));
    setSuspending(false);
    setReason('');
  }

  return (
    <li className="member-row" aria-labelledby={`${id}-name`}>
      <div>
        <strong id={`${id}-name`}>{member.name}</strong>
        <span className="meta">
          {' '}
          {member.email} · {t(`admin.memberStatus.${member.status}`)} · {member.roles.map((role) => t(`roles.${role}`)).join(', ')}
        </span>
        {member.status === 'SUSPENDED' && member.suspensionReason ? (
          <p className="meta">{t('admin.members.reasonWas', { reason: member.suspensionReason })}</p>
        ) : null}
      </div>
      <div className="actions">
        {member.status === 'ACTIVE' && !suspending ? (
          <button type="button" onClick={() => setSuspending(true)} aria-label={t('admin.members.suspendName', { name: member.name })}>
            {t('admin.members.suspend')}
          </button>
        ) : null}
        {member.status === 'SUSPENDED' ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(reinstate({ memberId: member.id }), t('admin.members.reinstated', { name: member.name }))}
            aria-label={t('admin.members.reinstateName', { name: member.name })}
          >
            {t('admin.members.reinstate')}
          </button>
        ) : null}
        {member.status === 'ACTIVE'
          ? MANAGED_ROLES.map((role) => {
              const held = member.roles.includes(role);
              const names = { name: member.name, role: t(`roles.${role}`) };
              return (
                <button
                  key={role}
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void run(
                      (held ? revokeRole : grantRole)({ memberId: member.id, role }),
                      t(held ? 'admin.members.revoked' : 'admin.members.granted', names),
                    )
                  }
                >
                  {t(held ? 'admin.members.revoke' : 'admin.members.grant', names)}
                </button>
              );
            })
          : null}
      </div>
      {suspending ? (
        <form onSubmit={onSuspend} className="narrow" aria-label={t('admin.members.suspendName', { name: member.name })}>
          <label htmlFor={`${id}-reason`}>{t('admin.members.reason')}</label>
          <textarea
            id={`${id}-reason`}
            required
            maxLength={2000}
            rows={2}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="actions">
            <button type="submit" className="danger" disabled={busy}>
              {t('admin.members.confirmSuspend')}
            </button>
            <button type="button" onClick={() => setSuspending(false)}>
              {t('admin.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {failure ? <AdminProblem error={failure} /> : null}
    </li>
  );
}
