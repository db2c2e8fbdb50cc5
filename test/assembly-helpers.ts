import type { TestApp, TestMember } from '@commons/testing';

export const ASSEMBLY_FIELDS =
  'id title kind status startsAt location roll present represented quorumReached agenda { position title proposal { id status } } proxies { id grantor { id } holder { id } } minutes { text hash }';
export const CONVENE = `mutation($input: ConveneAssemblyInput!) { conveneAssembly(input: $input) { ${ASSEMBLY_FIELDS} } }`;
export const OPEN_ASSEMBLY = `mutation($id: ID!) { openAssembly(id: $id) { ${ASSEMBLY_FIELDS} } }`;
export const CLOSE_ASSEMBLY = `mutation($id: ID!) { closeAssembly(id: $id) { ${ASSEMBLY_FIELDS} } }`;
export const CANCEL_ASSEMBLY = `mutation($id: ID!, $reason: String!) { cancelAssembly(id: $id, reason: $reason) { id status } }`;
export const READ_ASSEMBLY = `query($id: ID!) { assembly(id: $id) { ${ASSEMBLY_FIELDS} } }`;
export const GRANT = `mutation($a: ID!, $h: ID!) { grantProxy(assemblyId: $a, holderId: $h) { id grantor { id } holder { id } createdAt } }`;
export const REVOKE = `mutation($a: ID!) { revokeProxy(assemblyId: $a) }`;
export const CHECK_IN = `mutation($a: ID!, $m: ID!, $mode: AttendanceMode!) { checkIn(assemblyId: $a, memberId: $m, mode: $mode) { id present represented } }`;

/**
 * Convenes an assembly with these agenda items, starting `startsAt`; by default in a minute (which needs
 * noticeDays 0), then moved to now in the database, as if that minute had passed.
 */
export async function convene(
  t: TestApp,
  admin: TestMember,
  agenda: Array<{ title: string; proposalId?: string }>,
  startsAt?: string,
): Promise<{ id: string }> {
  const { conveneAssembly } = await t.ok(
    CONVENE,
    {
      input: {
        title: 'General assembly',
        kind: 'ANNUAL',
        startsAt: startsAt ?? new Date(Date.now() + 60_000).toISOString(),
        location: 'Hall',
        agenda,
      },
    },
    admin.token,
  );
  if (!startsAt) await t.sql.query(`UPDATE assemblies SET starts_at = now() WHERE id = $1`, [conveneAssembly.id]);
  return conveneAssembly;
}

/** A DRAFT proposal by `author`, with its option ids by label. */
export async function draft(
  t: TestApp,
  author: TestMember,
  input: Record<string, unknown>,
): Promise<{ id: string; options: Record<string, string> }> {
  const { createProposal } = await t.ok(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id options { id label } } }`,
    { input: { title: 'Item', body: 'b', ...input } },
    author.token,
  );
  return {
    id: createProposal.id,
    options: Object.fromEntries(createProposal.options.map((option: { id: string; label: string }) => [option.label, option.id])),
  };
}

/** Checks the member in remotely (themself). */
export function checkIn(t: TestApp, assemblyId: string, member: TestMember) {
  return t.ok(CHECK_IN, { a: assemblyId, m: member.id, mode: 'REMOTE' }, member.token);
}
