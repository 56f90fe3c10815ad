/** Session rows, long lists, and which breakdown tables the overview shows. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstRowCount, shownRows } from '../../renderer/src/lib/lists.js';
import { sessionPlace, sessionSpan, shortName } from '../../renderer/src/lib/sessions.js';
import { teamTables } from '../../renderer/src/lib/team.js';

const iso = (h: number, m: number): string => new Date(2026, 11, 2, h, m, 30).toISOString();

describe('renderer: a session row', () => {
  it('where: the branch, and the worktree when there is one', () => {
    assert.equal(sessionPlace({ branch: 'main', worktree: '' }), 'main');
    assert.equal(sessionPlace({ branch: 'feature/invoices', worktree: 'invoices' }), 'feature/invoices · worktree invoices');
    assert.equal(sessionPlace({ branch: '', worktree: '' }), '');
  });
  it('when: since its start while live, its span once over', () => {
    assert.equal(sessionSpan({ startedAt: iso(9, 12), lastSeenAt: iso(10, 40), live: true }), 'since 09:12');
    assert.equal(sessionSpan({ startedAt: iso(9, 12), lastSeenAt: iso(10, 40), live: false }), '09:12–10:40');
    assert.equal(sessionSpan({ startedAt: iso(9, 12), lastSeenAt: iso(9, 12), live: false }), '09:12');
    assert.equal(sessionSpan({ startedAt: null, lastSeenAt: null, live: false }), '—');
  });
});

describe('renderer: long lists', () => {
  const rows = Array.from({ length: 11 }, (_, i) => i);
  it('the first eight, and how many more', () => {
    assert.equal(firstRowCount, 8);
    assert.deepEqual(shownRows(rows, false), { rows: rows.slice(0, 8), more: 3 });
    assert.deepEqual(shownRows(rows, true), { rows, more: 3 });
  });
  it('a short list: all of it, nothing to expand', () => {
    assert.deepEqual(shownRows(rows.slice(0, 8), false), { rows: rows.slice(0, 8), more: 0 });
  });
});

describe('renderer: team tables', () => {
  it('a shared backend in team scope: by person and by machine', () => {
    assert.deepEqual(teamTables(true, 'all', 1), { people: true, machines: true });
  });
  it('a shared backend, my own usage: neither', () => {
    assert.deepEqual(teamTables(true, 'me', 3), { people: false, machines: false });
  });
  it('locally: by machine only when there is more than one machine', () => {
    assert.deepEqual(teamTables(false, 'all', 1), { people: false, machines: false });
    assert.deepEqual(teamTables(false, 'all', 2), { people: false, machines: true });
  });
});

describe('renderer: long names', () => {
  it('cut with an ellipsis past the limit, kept as they are below it', () => {
    assert.equal(shortName('dev@example.com'), 'dev@example.com');
    assert.equal(shortName('5f1c3b7a9e2d4c6b8a0f1e3d5c7b9a2e4f6d8c0b1a3e5d7f9c2b4a6e8d0f1c3b'), '5f1c3b7a9e2d4c6b8a0f1e3…');
    assert.equal(shortName('5f1c3b7a9e2d4c6b8a0f1e3…').length, 24);
  });
});
