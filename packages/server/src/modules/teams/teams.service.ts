import type { PutTeamBody } from '@anxin/shared';
import { and, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { caseTeamMembers, caseTeams, responsibilityLetters } from '../../db/schema.js';
import { beijingDate, type Clock } from '../../lib/clock.js';
import { onUniqueViolation } from '../../lib/db-errors.js';
import { badRequest, conflict, forbidden, staleVersion } from '../../lib/errors.js';
import type { Actor } from '../access/actor.js';
import { can, inScope } from '../access/actor.js';
import type { ActorContext, AuditLog } from '../audit/audit.service.js';
import type { CaseRow } from '../cases/cases.queries.js';
import { readPolicy } from '../obligations/policy.store.js';
import { lockCases, meetObligation } from '../obligations/recompute.js';
import type { Level } from '../obligations/rules.js';
import { caseForRead, caseForRecord } from '../work/work-access.js';
import { mayJoinTeam, missingTeamUnits } from './team-rules.js';
import {
  latestLetter,
  type TeamUserRow,
  teamCandidates,
  teamContextOf,
  teamMembersOf,
  teamVersionOf,
  usersWithUnits,
} from './teams.queries.js';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
}

/** The team of a case as the API shows it, with the units its level still lacks. */
export async function presentTeam(db: Executor, c: CaseRow, today: string) {
  const [members, version, letter, policy, { context }] = await Promise.all([
    teamMembersOf(db, c.id),
    teamVersionOf(db, c.id),
    latestLetter(db, c.id),
    readPolicy(db, today),
    teamContextOf(db, c),
  ]);
  const required = c.status === 'listed' && c.level ? policy.teamUnits[c.level as Level] : [];
  const names = new Map(members.map((m) => [m.userId, m.displayName]));
  const signatories = letter ? await usersWithUnits(db, letter.signatoryUserIds) : [];
  return {
    caseId: c.id,
    members: members.map((m) => ({
      userId: m.userId,
      displayName: m.displayName,
      orgUnitId: m.orgUnitId,
      orgUnitName: m.orgUnitName,
      roles: m.roles,
      role: m.role,
    })),
    missingUnits: missingTeamUnits(required, members, context),
    responsibilityLetter: letter
      ? {
          id: letter.id,
          signedOn: letter.signedOn,
          signatories: letter.signatoryUserIds.map((userId) => ({
            userId,
            displayName: names.get(userId) ?? signatories.find((s) => s.userId === userId)?.displayName ?? '',
          })),
          recordedBy: letter.recordedBy,
        }
      : null,
    version: version ?? 0,
  };
}

/** The team's leader, if the actor is it. */
export async function isTeamLeader(db: Executor, caseId: string, userId: string): Promise<boolean> {
  const members = await teamMembersOf(db, caseId);
  return members.some((m) => m.userId === userId && m.role === 'leader');
}

/**
 * Every id must be a member of the case's team (visitors, people on duty, signatories): 400 naming
 * the first that is not, as "随访人员(visitorUserIds第2项)：不是该人员服务管理小组成员".
 */
export async function assertOnTeam(
  db: Executor,
  caseId: string,
  ids: readonly string[],
  field: string,
  label: string,
  whose = '该人员',
): Promise<void> {
  const members = await teamMembersOf(db, caseId);
  ids.forEach((userId, i) => {
    if (!members.some((m) => m.userId === userId)) {
      throw badRequest(`${label}(${field}第${i + 1}项)：不是${whose}服务管理小组成员`, `${field}.${i}`);
    }
  });
}

const unitOf = (u: TeamUserRow) => ({ id: u.orgUnitId, path: u.unitPath, kind: u.unitKind, parentId: u.unitParentId });

export function createTeamService({ db, clock, audit }: Deps) {
  const today = () => beijingDate(clock.now());

  const caseInScope = async (actor: Actor, id: string) => (await caseForRead(db, actor, id)).c;

  function assertListed(c: CaseRow) {
    if (c.status !== 'listed') throw conflict('WRONG_STATE', '只有列管中的案件可以组建服务管理小组');
  }

  return {
    async get(actor: Actor, caseId: string) {
      return presentTeam(db, await caseInScope(actor, caseId), today());
    },

    async candidates(actor: Actor, caseId: string) {
      const c = await caseInScope(actor, caseId);
      const { town, context } = await teamContextOf(db, c);
      const rows = await teamCandidates(db, town);
      return {
        items: rows
          .filter((u) => mayJoinTeam(u, unitOf(u), town, context.village))
          .map((u) => ({
            userId: u.userId,
            displayName: u.displayName,
            orgUnitId: u.orgUnitId,
            orgUnitName: u.orgUnitName,
            roles: u.roles,
          })),
      };
    },

    /** 一人一专班: replaces the team; the level's required units and one leader are checked. */
    async put(context: ActorContext, caseId: string, body: PutTeamBody) {
      const actor = context.actor;
      const c = await caseInScope(actor, caseId);
      if (!can(actor, 'teams.manage') || !inScope(actor, c.responsiblePath)) {
        throw forbidden('只有责任镇的平安办、派出所可以组建服务管理小组');
      }
      assertListed(c);
      const ids = body.members.map((m) => m.userId);
      const duplicate = ids.findIndex((id, i) => ids.indexOf(id) !== i);
      if (duplicate >= 0) throw badRequest(`成员(members第${duplicate + 1}项)：同一人重复`, `members.${duplicate}`);
      const leaders = body.members.filter((m) => m.role === 'leader').length;
      if (leaders !== 1) throw badRequest('组长(members)：服务管理小组须有且只有一名组长', 'members');
      const { town, context: teamContext } = await teamContextOf(db, c);
      const found = await usersWithUnits(db, ids);
      body.members.forEach((m, i) => {
        const user = found.find((u) => u.userId === m.userId);
        if (!user || !mayJoinTeam(user, unitOf(user), town, teamContext.village)) {
          throw badRequest(
            `成员(members第${i + 1}项)：不是本镇部门、本人所在村（社区）或区级部门的在岗工作人员`,
            `members.${i}.userId`,
          );
        }
      });
      const policy = await readPolicy(db, today());
      const missing = missingTeamUnits(policy.teamUnits[c.level as Level], found, teamContext);
      if (missing.length) {
        throw badRequest(`服务管理小组(members)：缺少${missing.map((m) => m.label).join('、')}`, 'members');
      }
      const current = await teamVersionOf(db, caseId);
      if (body.version !== undefined && body.version !== (current ?? 0)) throw staleVersion();
      const before = await teamMembersOf(db, caseId);
      await db
        .transaction(async (tx) => {
          if (current === null) {
            await tx.insert(caseTeams).values({ caseId, version: 1, updatedBy: actor.userId });
          } else {
            const [bumped] = await tx
              .update(caseTeams)
              .set({ version: current + 1, updatedBy: actor.userId, updatedAt: clock.now() })
              .where(and(eq(caseTeams.caseId, caseId), eq(caseTeams.version, current)))
              .returning({ version: caseTeams.version });
            if (!bumped) throw staleVersion();
          }
          await tx.delete(caseTeamMembers).where(eq(caseTeamMembers.caseId, caseId));
          await tx
            .insert(caseTeamMembers)
            .values(body.members.map((m) => ({ caseId, userId: m.userId, role: m.role })));
          await audit.record(tx, context, {
            action: 'team.update',
            entityType: 'case',
            entityId: caseId,
            diff: {
              before: { members: before.map((m) => `${m.displayName}(${m.role})`) },
              after: {
                members: body.members.map((m) => `${found.find((u) => u.userId === m.userId)?.displayName}(${m.role})`),
              },
            },
          });
        })
        .catch(onUniqueViolation(staleVersion));
      return presentTeam(db, c, today());
    },

    /** 管控责任书: signed on a date by team members; meets the letter obligation. */
    async recordLetter(context: ActorContext, caseId: string, body: { signedOn: string; signatoryUserIds: string[] }) {
      const actor = context.actor;
      const { c } = await caseForRecord(db, actor, caseId, '登记管控责任书');
      if (body.signedOn > today()) throw badRequest(`签订日期(signedOn)：不能晚于今天（${today()}）`, 'signedOn');
      if (c.listedOn && body.signedOn < c.listedOn) {
        throw badRequest(`签订日期(signedOn)：不能早于列管日期（${c.listedOn}）`, 'signedOn');
      }
      await assertOnTeam(db, caseId, body.signatoryUserIds, 'signatoryUserIds', '签订人', '');
      await db.transaction(async (tx) => {
        await lockCases(tx, [caseId]);
        const [letter] = await tx
          .insert(responsibilityLetters)
          .values({
            caseId,
            signedOn: body.signedOn,
            signatoryUserIds: body.signatoryUserIds,
            recordedBy: actor.userId,
          })
          .returning({ id: responsibilityLetters.id });
        await meetObligation(tx, [caseId], 'responsibility_letter', body.signedOn, today());
        await audit.record(tx, context, {
          action: 'responsibility_letter.create',
          entityType: 'case',
          entityId: caseId,
          diff: { after: { letterId: letter?.id, signedOn: body.signedOn, signatories: body.signatoryUserIds.length } },
        });
      });
      return presentTeam(db, c, today());
    },
  };
}

/** After a level change: the units the existing team lacks for the new level (none when there is no team yet). */
export async function teamGapsAtLevel(db: Executor, c: CaseRow, level: number, today: string): Promise<string[]> {
  const members = await teamMembersOf(db, c.id);
  if (members.length === 0) return [];
  const [policy, { context }] = await Promise.all([readPolicy(db, today), teamContextOf(db, c)]);
  return missingTeamUnits(policy.teamUnits[level as Level], members, context).map((m) => m.label);
}
