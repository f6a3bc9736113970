import { asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { auditEvents, persons } from '../../db/schema.js';
import { DEMO_PERSON_IDS, DEMO_UNITS, DEMO_USERS, demoIdNumber } from '../../seed/demo-town.js';

// SECURITY.md D: LG-1 (what is audited), LG-2 (append-only, hash chain, audit failure fails the change).

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const CHINESE = /[\u4e00-\u9fa5]/;

const demoPersonId = (name: string) => DEMO_PERSON_IDS[name] as string;
const auditCount = async () => (await t.db.select({ value: count() }).from(auditEvents))[0]?.value ?? 0;
const personCount = async () => (await t.db.select({ value: count() }).from(persons))[0]?.value ?? 0;

const newPerson = (seq: number, overrides: Record<string, unknown> = {}) => ({
  name: '审计测试',
  idNumber: demoIdNumber('19850101', seq),
  phone: '13912345678',
  householdOrgUnitId: DEMO_UNITS.village1,
  householdAddress: '演示一村8组1号',
  ...overrides,
});

/** The message of an error and of the errors it wraps (drizzle wraps the driver's error). */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    parts.push(String((current as Error).message));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(' | ');
}

async function rejection(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    return messages(error);
  }
  throw new Error('expected the statement to be refused');
}

describe('GET /api/audit-events', () => {
  it.each([
    ['pingan', 200],
    ['ducha', 200],
    ['cun1', 403],
    ['admin', 403],
    ['paichusuo', 403],
  ])('answers %s with %i', async (username, status) => {
    const response = await (await t.as(username)).get('/api/audit-events');
    expect(response.statusCode).toBe(status);
    if (status === 403) {
      expect(response.json().error.code).toBe('FORBIDDEN');
      expect(response.json().error.message).toMatch(CHINESE);
    } else {
      expect(response.json().total).toBeGreaterThan(0);
    }
  });

  it('audits the refused attempts', async () => {
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.actorUsername, 'cun1'));
    expect(events.some((e) => e.action === 'denied:audit.read' && e.outcome === 'denied')).toBe(true);
  });

  it('answers 401 without a session', async () => {
    expect((await t.anonymous.get('/api/audit-events')).statusCode).toBe(401);
  });

  it('returns events with Beijing times and without internal chain fields', async () => {
    const { items } = (await (await t.as('pingan')).get('/api/audit-events?pageSize=5')).json();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
      expect(item).not.toHaveProperty('prevHash');
      expect(item).not.toHaveProperty('actorUnitPath');
      expect(item.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const seqs = items.map((i: { seq: number }) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('filters by entityType and entityId', async () => {
    const pingan = await t.as('pingan');
    const personId = demoPersonId('赵志强');
    const other = demoPersonId('钱秀兰');
    expect((await pingan.get(`/api/persons/${personId}`)).statusCode).toBe(200);
    expect((await pingan.get(`/api/persons/${personId}`)).statusCode).toBe(200);
    expect((await pingan.get(`/api/persons/${other}`)).statusCode).toBe(200);
    const response = await pingan.get(`/api/audit-events?entityType=person&entityId=${personId}`);
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    expect(total).toBe(2);
    for (const item of items) expect(item).toMatchObject({ entityType: 'person', entityId: personId });
    const byType = (await pingan.get('/api/audit-events?entityType=person&pageSize=100')).json();
    expect(byType.items.map((i: { entityId: string }) => i.entityId)).toContain(other);
    expect(byType.items.every((i: { entityType: string }) => i.entityType === 'person')).toBe(true);
  });

  it('filters by actorId', async () => {
    const pingan = await t.as('pingan');
    const actorId = DEMO_USERS.pingan as string;
    const { items, total } = (await pingan.get(`/api/audit-events?actorId=${actorId}&pageSize=100`)).json();
    const [inDb] = await t.db.select({ value: count() }).from(auditEvents).where(eq(auditEvents.actorId, actorId));
    expect(total).toBe(inDb?.value);
    expect(total).toBeGreaterThan(0);
    expect(items.every((i: { actorId: string }) => i.actorId === actorId)).toBe(true);
  });

  it('shows a peace office only the events of its town, and an inspector those of the district', async () => {
    await t.as('quji');
    const town = (await (await t.as('pingan')).get('/api/audit-events?action=auth.login&pageSize=100')).json();
    const townActors = new Set(town.items.map((i: { actorUsername: string }) => i.actorUsername));
    expect(townActors.has('pingan')).toBe(true);
    expect(townActors.has('quji')).toBe(false);
    expect(townActors.has('ducha')).toBe(false);
    const district = (await (await t.as('ducha')).get('/api/audit-events?action=auth.login&pageSize=100')).json();
    const districtActors = new Set(district.items.map((i: { actorUsername: string }) => i.actorUsername));
    expect(districtActors.has('pingan')).toBe(true);
    expect(districtActors.has('quji')).toBe(true);
  });

  it('answers 400 in Chinese for a malformed filter', async () => {
    const response = await (await t.as('pingan')).get('/api/audit-events?entityId=nope');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('对象编号');
  });
});

describe('sensitive values in audit diffs', () => {
  it('masks the phone and ID number of a created person', async () => {
    const body = newPerson(801, { phone: '13987654321' });
    const response = await (await t.as('pingan')).post('/api/persons', body);
    expect(response.statusCode).toBe(201);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, response.json().id));
    expect(event?.action).toBe('person.create');
    const diff = JSON.stringify(event?.diff);
    expect(diff).not.toContain('13987654321');
    expect(diff).not.toContain(body.idNumber);
    expect(diff).toContain('139****4321');
    expect(diff).toContain(`500${'*'.repeat(11)}${body.idNumber.slice(-4)}`);
    // The audit API shows the masked diff, never the full values.
    const listed = (await (await t.as('pingan')).get(`/api/audit-events?entityId=${response.json().id}`)).body;
    expect(listed).not.toContain('13987654321');
    expect(listed).not.toContain(body.idNumber);
  });

  it('masks a changed phone number in an update diff', async () => {
    const pingan = await t.as('pingan');
    const id = demoPersonId('李桂芳');
    const current = (await pingan.get(`/api/persons/${id}`)).json();
    const response = await pingan.patch(`/api/persons/${id}`, { phone: '13755556666', version: current.version });
    expect(response.statusCode).toBe(200);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    const update = events.find((e) => e.action === 'person.update');
    expect(update).toBeDefined();
    const diff = JSON.stringify(update?.diff);
    expect(diff).not.toContain('13755556666');
    expect(diff).not.toContain('13800000004');
    expect(diff).toContain('137****6666');
  });
});

describe('GET /api/audit-events/verify', () => {
  it('checks every row of an intact chain', async () => {
    const ducha = await t.as('ducha');
    const rows = await auditCount();
    const response = await ducha.get('/api/audit-events/verify');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, checked: rows });
    expect(rows).toBeGreaterThan(5);
  });

  it('is refused to a village cadre and to the administrator', async () => {
    expect((await (await t.as('cun1')).get('/api/audit-events/verify')).statusCode).toBe(403);
    expect((await (await t.as('admin')).get('/api/audit-events/verify')).statusCode).toBe(403);
  });

  it('finds a row changed behind the application’s back', async () => {
    const pingan = await t.as('pingan');
    const rows = await t.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    const victim = rows[Math.floor(rows.length / 2)];
    if (!victim) throw new Error('no audit rows');
    const forged = victim.outcome === 'success' ? 'failure' : 'success';
    const setOutcome = (outcome: string) =>
      t.db.transaction(async (tx) => {
        await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`);
        await tx.execute(sql`UPDATE audit_events SET outcome = ${outcome} WHERE seq = ${victim.seq}`);
        await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER USER`);
      });
    await setOutcome(forged);
    try {
      const response = await pingan.get('/api/audit-events/verify');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.ok).toBe(false);
      expect(body.brokenAt.seq).toBe(victim.seq);
      expect(body.brokenAt.id).toBe(victim.id);
      expect(body.brokenAt.reason).toMatch(CHINESE);
    } finally {
      await setOutcome(victim.outcome);
    }
    expect((await pingan.get('/api/audit-events/verify')).json().ok).toBe(true);
  });

  it('finds a deleted row', async () => {
    const pingan = await t.as('pingan');
    const rows = await t.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    const victim = rows[3];
    if (!victim) throw new Error('no audit rows');
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`);
      await tx.execute(sql`DELETE FROM audit_events WHERE seq = ${victim.seq}`);
      await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER USER`);
    });
    try {
      const body = (await pingan.get('/api/audit-events/verify')).json();
      expect(body.ok).toBe(false);
      expect(body.brokenAt.seq).toBe(victim.seq + 1);
    } finally {
      await t.db.transaction(async (tx) => {
        await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`);
        await tx.insert(auditEvents).values(victim);
        await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER USER`);
      });
    }
    expect((await pingan.get('/api/audit-events/verify')).json().ok).toBe(true);
  });
});

describe('append-only storage (LG-2)', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on audit_events', async () => {
    const [first] = await t.db.select().from(auditEvents).orderBy(asc(auditEvents.seq)).limit(1);
    if (!first) throw new Error('no audit rows');
    const before = await auditCount();
    expect(
      await rejection(() => t.db.execute(sql`UPDATE audit_events SET outcome = 'failure' WHERE seq = ${first.seq}`)),
    ).toMatch(/append-only/);
    expect(await rejection(() => t.db.execute(sql`DELETE FROM audit_events WHERE seq = ${first.seq}`))).toMatch(
      /append-only/,
    );
    expect(await rejection(() => t.db.execute(sql`TRUNCATE audit_events`))).toMatch(/append-only/);
    expect(await rejection(() => t.db.update(auditEvents).set({ action: 'x' }))).toMatch(/append-only/);
    const [after] = await t.db.select().from(auditEvents).where(eq(auditEvents.seq, first.seq));
    expect(after).toEqual(first);
    expect(await auditCount()).toBe(before);
  });
});

describe('a failed audit write fails the change (LG-2)', () => {
  const installRefusal = () =>
    t.db.transaction(async (tx) => {
      await tx.execute(sql`
        CREATE FUNCTION test_refuse_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit store unavailable (test)';
        END;
        $$`);
      await tx.execute(sql`
        CREATE TRIGGER test_refuse_audit_insert BEFORE INSERT ON audit_events
          FOR EACH ROW EXECUTE FUNCTION test_refuse_audit_insert()`);
    });
  const removeRefusal = () =>
    t.db.transaction(async (tx) => {
      await tx.execute(sql`DROP TRIGGER IF EXISTS test_refuse_audit_insert ON audit_events`);
      await tx.execute(sql`DROP FUNCTION IF EXISTS test_refuse_audit_insert()`);
    });

  it('rolls back a person created while the audit log refuses writes', async () => {
    const pingan = await t.as('pingan');
    const [persons0, audit0] = [await personCount(), await auditCount()];
    const body = newPerson(802);
    await installRefusal();
    let response: Awaited<ReturnType<typeof pingan.post>>;
    try {
      response = await pingan.post('/api/persons', body);
    } finally {
      await removeRefusal();
    }
    expect(response.statusCode).toBeGreaterThanOrEqual(500);
    expect(response.json().error.message).toMatch(CHINESE);
    // No SQL or driver text reaches the client (ER-1).
    expect(response.body).not.toMatch(/audit_events|audit store|insert|select/i);
    expect([await personCount(), await auditCount()]).toEqual([persons0, audit0]);
    // The same request succeeds once the audit log works again.
    expect((await pingan.post('/api/persons', body)).statusCode).toBe(201);
  });

  it('does not hand out a person’s file when its read cannot be audited', async () => {
    const pingan = await t.as('pingan');
    const id = demoPersonId('赵志强');
    await installRefusal();
    let response: Awaited<ReturnType<typeof pingan.get>>;
    try {
      response = await pingan.get(`/api/persons/${id}`);
    } finally {
      await removeRefusal();
    }
    expect(response.statusCode).toBeGreaterThanOrEqual(500);
    expect(response.body).not.toContain('赵志强');
    expect(response.body).not.toContain('13800000001');
  });
});

describe('concurrent writers (LG-2)', () => {
  it('keep one unbroken chain when 20 people are created at once', async () => {
    const pingan = await t.as('pingan');
    const audit0 = await auditCount();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pingan.post('/api/persons', newPerson(700 + i, { name: `并发测试${i}`, phone: undefined })),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(await auditCount()).toBe(audit0 + 20);

    const seqs = (await t.db.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(asc(auditEvents.seq))).map(
      (row) => row.seq,
    );
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));

    const created = new Set(responses.map((r) => r.json().id as string));
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'person.create'));
    expect(events.filter((e) => created.has(e.entityId as string))).toHaveLength(20);

    const verify = (await pingan.get('/api/audit-events/verify')).json();
    expect(verify).toEqual({ ok: true, checked: seqs.length });
  });
});
