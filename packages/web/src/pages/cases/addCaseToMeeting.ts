import { api } from '../../api';

/** Puts a case on a meeting's agenda (PATCH with the meeting's current version); no-op if already there. */
export async function addCaseToMeeting(meetingId: string, caseId: string) {
  const meeting = await api.meeting(meetingId);
  if (meeting.caseIds.includes(caseId)) return meeting;
  return api.updateMeeting(meetingId, { caseIds: [...meeting.caseIds, caseId], version: meeting.version });
}
