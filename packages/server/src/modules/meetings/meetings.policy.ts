import type { Actor } from '../access/actor.js';
import { can, inScope } from '../access/actor.js';
import type { MeetingRow } from './meetings.queries.js';

/** Meetings (会议): the peace office and leaders keep the record; deciding needs 'meetings.decide'. */
export const meetingPolicy = {
  update: (actor: Actor, meeting: MeetingRow) => can(actor, 'meetings.manage') && inScope(actor, meeting.orgUnitPath),
  decide: (actor: Actor, meeting: MeetingRow) =>
    can(actor, 'meetings.decide') && meeting.kind === 'assessment' && inScope(actor, meeting.orgUnitPath),
};

export function meetingAbilities(actor: Actor, meeting: MeetingRow) {
  return { update: meetingPolicy.update(actor, meeting), decide: meetingPolicy.decide(actor, meeting) };
}
