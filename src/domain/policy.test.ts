import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actions, can, roles, type Action, type Role } from './policy.ts';

// The whole permission table, written out so any change to a grant is a visible test change.
const expected: Record<Role, Action[]> = {
  owner: [...actions],
  'aims-manager': [
    'organization.read',
    'members.read',
    'tokens.create',
    'audit-log.read',
    'records.read',
    'records.write',
    'records.delete',
    'records.approve',
    'findings.write',
    'catalog.manage',
  ],
  contributor: ['organization.read', 'members.read', 'tokens.create', 'records.read', 'records.write'],
  auditor: ['organization.read', 'members.read', 'tokens.create', 'audit-log.read', 'records.read', 'findings.write'],
  viewer: ['organization.read', 'members.read', 'tokens.create', 'records.read'],
};

for (const role of roles) {
  test(`the ${role} role has exactly its grants`, () => {
    for (const action of actions) {
      assert.equal(can(role, action), expected[role].includes(action), `${role} / ${action}`);
    }
  });
}

test('an auditor reads everything but writes only findings', () => {
  assert.ok(can('auditor', 'records.read'));
  assert.ok(can('auditor', 'audit-log.read'));
  assert.ok(can('auditor', 'findings.write'));
  assert.ok(!can('auditor', 'records.write'));
  assert.ok(!can('auditor', 'records.delete'));
  assert.ok(!can('auditor', 'members.manage'));
});
