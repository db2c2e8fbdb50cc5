import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, type CombinedError } from 'urql';
import { ActiveMembersDocument } from '../graphql/generated/graphql';
import { Loading, Problem } from './states';

interface Person {
  id: string;
  name: string;
}

/** Every active member of the register, read 100 at a time (the API's largest page). */
function useRegister(): { members?: Person[]; error?: CombinedError } {
  const client = useClient();
  const [state, setState] = useState<{ members?: Person[]; error?: CombinedError }>({});
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const members: Person[] = [];
      let after: string | undefined;
      for (let page = 0; page < 50; page += 1) {
        const result = await client.query(ActiveMembersDocument, { first: 100, after }).toPromise();
        if (cancelled) return;
        if (result.error || !result.data) return setState({ error: result.error });
        members.push(...result.data.members.edges.map((edge) => edge.node));
        if (!result.data.members.pageInfo.hasNextPage) break;
        after = result.data.members.pageInfo.endCursor ?? undefined;
      }
      setState({ members });
    })();
    return () => {
      cancelled = true;
    };
  }, [client]);
  return state;
}

/** Chooses an active member from the register, searched by name. */
export function MemberPicker({
  label,
  excludeId,
  value,
  onChange,
}: {
  label: string;
  excludeId?: string;
  value: string;
  onChange(id: string): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const { members, error } = useRegister();
  const needle = search.trim().toLocaleLowerCase();
  const matches = (members ?? []).filter(
    (member) => member.id !== excludeId && (needle === '' || member.name.toLocaleLowerCase().includes(needle)),
  );
  return (
    <div className="picker">
      <label htmlFor={`${id}-search`}>{t('picker.search')}</label>
      <input id={`${id}-search`} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      {error ? <Problem error={error} /> : null}
      {!members && !error ? <Loading /> : null}
      <label htmlFor={`${id}-member`}>{label}</label>
      <select id={`${id}-member`} value={value} onChange={(event) => onChange(event.target.value)} required>
        <option value="">{t('picker.choose', { count: matches.length })}</option>
        {matches.slice(0, 500).map((member) => (
          <option key={member.id} value={member.id}>
            {member.name}
          </option>
        ))}
      </select>
    </div>
  );
}
