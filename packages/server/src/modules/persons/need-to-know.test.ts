import { ROLES } from '@anxin/shared';
import { describe, expect, it } from 'vitest';
import { maskSensitive } from '../audit/audit.service.js';
import { mayReadNeedToKnow, presentNeedToKnow } from './need-to-know.js';

const NOTES = {
  healthNotes: '抑郁症，服药中',
  criminalRecord: '2015年因盗窃被判刑',
  familyConflict: '与兄长因宅基地争执',
};

describe('mayReadNeedToKnow (知悉范围)', () => {
  it.each(ROLES.map((role) => [role] as const))('%s on the open case’s team reads the notes', (role) => {
    expect(mayReadNeedToKnow([role], true)).toBe(true);
  });

  it('off the team, only 平安办 and 督导 read them', () => {
    const readers = ROLES.filter((role) => mayReadNeedToKnow([role], false));
    expect(readers.sort()).toEqual(['inspector', 'peace_office']);
  });

  it('a user with several roles reads them when any role does', () => {
    expect(mayReadNeedToKnow(['village_cadre', 'peace_office'], false)).toBe(true);
    expect(mayReadNeedToKnow(['village_cadre', 'police', 'leader', 'district'], false)).toBe(false);
    expect(mayReadNeedToKnow([], false)).toBe(false);
  });
});

describe('presentNeedToKnow', () => {
  it('gives the notes in clear to a reader in the circle, withholding nothing', () => {
    expect(presentNeedToKnow(NOTES, true)).toEqual({ ...NOTES, restrictedFields: [] });
  });

  it('withholds all three as null, naming each, and never the text', () => {
    const shown = presentNeedToKnow(NOTES, false);
    expect(shown).toEqual({
      healthNotes: null,
      criminalRecord: null,
      familyConflict: null,
      restrictedFields: ['healthNotes', 'criminalRecord', 'familyConflict'],
    });
    expect(JSON.stringify(shown)).not.toMatch(/抑郁|盗窃|宅基地/);
  });

  it('withholds empty notes the same way, so withholding does not tell whether there is a record', () => {
    const empty = { healthNotes: null, criminalRecord: null, familyConflict: null };
    expect(presentNeedToKnow(empty, false)).toEqual(presentNeedToKnow(NOTES, false));
  });
});

describe('maskSensitive on the notes (audit diffs)', () => {
  it('hides each note’s text at any depth, keeping whether it was set or cleared', () => {
    const masked = maskSensitive({
      before: { healthNotes: null, criminalRecord: '旧记录', familyConflict: '' },
      after: { ...NOTES, familyConflict: '' },
    });
    expect(masked).toEqual({
      before: { healthNotes: null, criminalRecord: '[已隐藏]', familyConflict: '' },
      after: { healthNotes: '[已隐藏]', criminalRecord: '[已隐藏]', familyConflict: '' },
    });
    expect(JSON.stringify(masked)).not.toMatch(/抑郁|盗窃|旧记录/);
  });

  it('leaves other free text as it was (only ID and mobile numbers are redacted there)', () => {
    expect(maskSensitive({ occupation: '务农', familyContacts: '兄 赵志刚' })).toEqual({
      occupation: '务农',
      familyContacts: '兄 赵志刚',
    });
  });
});
