import type { Role, ServiceStatus } from '@anxin/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { helpAbilities, helpPolicy } from './help.policy.js';
import {
  defaultScope,
  GRIEVANCE_MACHINE,
  isEligibleResponsibleUnit,
  needsOutcome,
  overdueDays,
  planItemUpdate,
  SERVICE_MACHINE,
  statusDates,
  transitionRefusal,
} from './help-rules.js';

// A district with two towns: 演示镇 (departments, a village) and 示范镇.
const district = { id: 'd', kind: 'district', parentId: 'city', path: '/city/d/' };
const town = { id: 't', kind: 'town', parentId: 'd', path: '/city/d/t/' };
const unit = (id: string, kind: string, parent: { id: string; path: string }) => ({
  id,
  kind,
  parentId: parent.id,
  path: `${parent.path}${id}/`,
});
const otherTown = unit('t2', 'town', district);

describe('isEligibleResponsibleUnit (责任单位 / 事权单位)', () => {
  // The person is registered in v1 and lives in c1 (the case's responsible and assisting paths).
  const casePaths = ['/city/d/t/v1/', '/city/d/t/c1/'];
  it.each([
    ['a department of the responsible town (民政办)', unit('mz', 'department', town), true],
    ['the village where the person is registered', unit('v1', 'village', town), true],
    ['the community where the person lives', unit('c1', 'community', town), true],
    ['another village of the town, which does not see the case', unit('v3', 'village', town), false],
    ['a department of the district (区民政局)', unit('qmz', 'department', district), true],
    ['the town itself', town, false],
    ['the district itself', district, false],
    ['a department of another town', unit('mz2', 'department', otherTown), false],
    ['a village of another town', unit('v2', 'village', otherTown), false],
    ['another town', otherTown, false],
  ])('%s → %s', (_label, candidate, expected) => {
    expect(isEligibleResponsibleUnit(candidate, town, casePaths)).toBe(expected);
  });

  it('takes no district department when the town hangs under none', () => {
    const lone = { id: 'lt', kind: 'town', parentId: null, path: '/lt/' };
    expect(
      isEligibleResponsibleUnit({ id: 'x', kind: 'department', parentId: null, path: '/x/' }, lone, ['/lt/']),
    ).toBe(false);
  });
});

describe('transitionRefusal (status moves)', () => {
  it.each([
    ['planned', 'in_progress'],
    ['planned', 'done'],
    ['planned', 'declined'],
    ['planned', 'not_eligible'],
    ['in_progress', 'done'],
    ['in_progress', 'declined'],
    ['in_progress', 'not_eligible'],
    ['in_progress', 'in_progress'],
    ['planned', 'planned'],
  ] as const)('service %s → %s is allowed', (from, to) => {
    expect(transitionRefusal(SERVICE_MACHINE, from, to)).toBeNull();
  });

  it.each([
    ['in_progress', 'planned', '不能从“办理中”改回“待办理”'],
    ['done', 'in_progress', '该事项已办结（已完成），不能再修改'],
    ['done', 'done', '该事项已办结（已完成），不能再修改'],
    ['declined', 'done', '该事项已办结（本人拒绝），不能再修改'],
    ['not_eligible', 'planned', '该事项已办结（不符合条件），不能再修改'],
  ] as const)('service %s → %s is refused', (from, to, message) => {
    expect(transitionRefusal(SERVICE_MACHINE, from, to)).toBe(message);
  });

  it.each([
    ['open', 'in_progress', null],
    ['open', 'resolved', null],
    ['open', 'unresolvable', null],
    ['in_progress', 'resolved', null],
    ['in_progress', 'open', '不能从“化解中”改回“待化解”'],
    ['resolved', 'in_progress', '该事项已办结（已化解），不能再修改'],
    ['unresolvable', 'resolved', '该事项已办结（暂无法化解），不能再修改'],
  ] as const)('grievance %s → %s: %s', (from, to, expected) => {
    expect(transitionRefusal(GRIEVANCE_MACHINE, from, to)).toBe(expected);
  });
});

describe('needsOutcome (closing needs the outcome in the same request)', () => {
  it.each([
    ['in_progress', 'done', undefined, true],
    ['in_progress', 'done', '已纳入低保', false],
    ['planned', 'not_eligible', undefined, true],
    ['planned', 'declined', undefined, true],
    ['planned', 'in_progress', undefined, false],
    ['in_progress', 'in_progress', undefined, false],
  ] as const)('%s → %s with %s → %s', (from, to, outcome, expected) => {
    expect(needsOutcome(SERVICE_MACHINE, from, to, outcome)).toBe(expected);
  });
});

describe('statusDates (set by the server, Beijing today)', () => {
  const today = '2026-11-29';
  it('starts the work when it goes in progress', () => {
    expect(statusDates(SERVICE_MACHINE, { status: 'planned', startedOn: null }, 'in_progress', today)).toEqual({
      startedOn: today,
    });
  });
  it('keeps the first start date', () => {
    expect(statusDates(SERVICE_MACHINE, { status: 'in_progress', startedOn: '2026-11-01' }, 'done', today)).toEqual({
      closedOn: today,
    });
  });
  it('a direct done starts and closes the same day', () => {
    expect(statusDates(SERVICE_MACHINE, { status: 'planned', startedOn: null }, 'done', today)).toEqual({
      startedOn: today,
      closedOn: today,
    });
  });
  it('found not eligible at once closes without a start', () => {
    expect(statusDates(SERVICE_MACHINE, { status: 'planned', startedOn: null }, 'not_eligible', today)).toEqual({
      closedOn: today,
    });
  });
  it('no move, no dates', () => {
    expect(statusDates(SERVICE_MACHINE, { status: 'in_progress', startedOn: null }, 'in_progress', today)).toEqual({});
  });
});

describe('overdueDays (derived, never stored)', () => {
  it.each([
    [true, '2026-11-28', '2026-11-29', 1],
    [true, '2026-10-30', '2026-11-29', 30],
    [true, '2026-11-29', '2026-11-29', 0],
    [true, '2026-12-01', '2026-11-29', 0],
    [false, '2026-11-01', '2026-11-29', 0],
    [true, null, '2026-11-29', 0],
  ])('open=%s due %s on %s → %i', (open, dueOn, today, expected) => {
    expect(overdueDays(open, dueOn, today)).toBe(expected);
  });
});

describe('defaultScope', () => {
  const unitRoles = ['civil_affairs', 'judicial', 'health'];
  it.each([
    [['civil_affairs'], 'unit'],
    [['judicial'], 'unit'],
    [['health'], 'unit'],
    [['peace_office'], 'all'],
    [['village_cadre'], 'all'],
    [['leader'], 'all'],
  ])('%s → %s', (roles, expected) => {
    expect(defaultScope(roles, unitRoles)).toBe(expected);
  });
});

describe('planItemUpdate', () => {
  const labels = { textField: 'outcome', text: '办理结果', dueOn: '办理期限' };
  const current: {
    status: ServiceStatus;
    startedOn: string | null;
    dueOn: string | null;
    responsibleOrgUnitId: string;
  } = {
    status: 'in_progress',
    startedOn: '2026-11-20',
    dueOn: '2026-12-10',
    responsibleOrgUnitId: 'mz',
  };
  const plan = (change: Parameters<typeof planItemUpdate>[0]['change'], from = current) =>
    planItemUpdate({ machine: SERVICE_MACHINE, current: from, change, today: '2026-11-29', labels });
  const failure = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof AppError)
        return { status: error.statusCode, message: error.message, details: error.details };
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('closes with the outcome and today as the closing date', () => {
    expect(plan({ status: 'done', text: '已纳入低保' })).toEqual({
      status: 'done',
      closedOn: '2026-11-29',
      dueChanged: false,
      unitChanged: false,
    });
  });
  it('refuses closing without the outcome (400 naming it)', () => {
    expect(failure(() => plan({ status: 'done' }))).toEqual({
      status: 400,
      message: '办理结果(outcome)：改为“已完成”时须填写办理结果',
      details: [{ field: 'outcome', message: '办理结果(outcome)：改为“已完成”时须填写办理结果' }],
    });
  });
  it('refuses an empty change (400)', () => {
    expect(failure(() => plan({})).status).toBe(400);
    expect(failure(() => plan({ responsibleOrgUnitId: 'mz' })).status).toBe(400);
  });
  it('refuses any change of a closed item (409), even a note', () => {
    const closed = { ...current, status: 'done' as const };
    expect(failure(() => plan({ text: '补充说明' }, closed))).toMatchObject({ status: 409 });
  });
  it('refuses a new deadline before today, takes one from today on, and clearing it', () => {
    expect(failure(() => plan({ dueOn: '2026-11-28' }))).toMatchObject({
      status: 400,
      message: '办理期限(dueOn)：不能早于今天（2026-11-29）',
    });
    expect(plan({ dueOn: '2026-11-29' })).toMatchObject({ dueChanged: true });
    expect(plan({ dueOn: null })).toMatchObject({ dueChanged: true });
  });
  it('lets an unchanged past deadline through (the form sends it back)', () => {
    const late = { ...current, dueOn: '2026-11-01' };
    expect(plan({ text: '正在审核材料', dueOn: '2026-11-01' }, late)).toMatchObject({ dueChanged: false });
  });
  it('notes a reassignment', () => {
    expect(plan({ responsibleOrgUnitId: 'sf' })).toMatchObject({ unitChanged: true, status: 'in_progress' });
  });
});

describe('helpPolicy (who works an item)', () => {
  const actor = (roles: Role[], orgUnitId: string, scopePath: string | null): Actor => ({
    userId: 'u',
    username: 'u',
    displayName: 'u',
    orgUnitId,
    orgUnitName: '',
    roles,
    scopePath,
    sessionId: 's',
  });
  const item = { responsibleOrgUnitId: 'mz', open: true, caseResponsiblePath: '/city/d/t/v1/' };
  const minzheng = actor(['civil_affairs'], 'mz', '/city/d/t/');
  const sifasuo = actor(['judicial'], 'sf', '/city/d/t/');
  const pingan = actor(['peace_office'], 'pa', '/city/d/t/');
  const otherPingan = actor(['peace_office'], 'pa2', '/city/d/t2/');
  const leader = actor(['leader'], 'mz', '/city/d/t/');

  it('the responsible unit and the town’s 平安办 work it; another department does not', () => {
    expect(helpPolicy.work(minzheng, item)).toBe(true);
    expect(helpPolicy.work(pingan, item)).toBe(true);
    expect(helpPolicy.work(sifasuo, item)).toBe(false);
    expect(helpPolicy.work(otherPingan, item)).toBe(false);
  });
  it('needs help.update: a leader in the unit reads only', () => {
    expect(helpPolicy.work(leader, item)).toBe(false);
  });
  it('only the town’s 平安办 reassigns', () => {
    expect(helpPolicy.reassign(pingan, item)).toBe(true);
    expect(helpPolicy.reassign(minzheng, item)).toBe(false);
  });
  it('abilities: a closed item offers nothing; a grievance deadline is 平安办’s', () => {
    expect(helpAbilities(minzheng, { ...item, open: false }, false)).toEqual({
      update: false,
      reassign: false,
      reschedule: false,
    });
    expect(helpAbilities(minzheng, item, false)).toEqual({ update: true, reassign: false, reschedule: true });
    expect(helpAbilities(minzheng, item, true)).toEqual({ update: true, reassign: false, reschedule: false });
    expect(helpAbilities(pingan, item, true)).toEqual({ update: true, reassign: true, reschedule: true });
  });
});
