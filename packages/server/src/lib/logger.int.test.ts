import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.js';
import { DEMO_PASSWORD, DEMO_PERSON_IDS, DEMO_PERSONS, DEMO_UNITS, demoIdNumber } from '../seed/demo-town.js';

// SECURITY.md LG-4: no ID numbers, phone numbers, passwords or session tokens in the server log,
// whatever the URL, the body or the answer carries.

const lines: string[] = [];
const stream = new Writable({
  write(chunk, _encoding, callback) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    callback();
  },
});

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ logger: { stream, level: 'trace' } });
});
afterAll(() => t.close());

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;
const MOBILE = /(?<!\d)1\d{10}(?!\d)/;

/** The log with request ids and other UUIDs taken out, so that their digits cannot look like numbers. */
const logText = () => lines.join('\n').replace(UUID, '<uuid>');

describe('the request log', () => {
  const secrets: string[] = [DEMO_PASSWORD];
  const person = DEMO_PERSONS.find((p) => p.phone !== undefined);
  const created = { idNumber: demoIdNumber('19860606', 601), phone: '13612345678' };

  beforeAll(async () => {
    if (!person?.phone) throw new Error('a demo person with a phone');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'pingan', password: DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    const cookie = setCookie.split(';')[0] as string;
    secrets.push(cookie, cookie.split('=')[1] as string);
    const pingan = t.caller(cookie);

    // A search by full ID number and by phone number: both end up in the URL.
    expect((await pingan.get(`/api/persons?q=${person.idNumber}`)).json().total).toBe(1);
    expect((await pingan.get(`/api/persons?q=${person.phone}`)).statusCode).toBe(200);
    expect((await pingan.get(`/api/persons?q=${person.idNumber.slice(0, 17)}x&pageSize=5`)).statusCode).toBe(200);
    // The ID number in a path segment, where it is neither a route nor a valid id.
    expect((await pingan.get(`/api/persons/${person.idNumber}`)).statusCode).toBe(400);
    expect((await pingan.get(`/api/no-such-route/${person.idNumber}/${person.phone}`)).statusCode).toBe(404);
    // An answer that carries the full ID number and phone.
    const detail = await pingan.get(`/api/persons/${DEMO_PERSON_IDS[person.name]}`);
    expect(detail.json().idNumber).toBe(person.idNumber);
    // A body that carries them, accepted and refused.
    const body = {
      name: '日志测试',
      idNumber: created.idNumber,
      phone: created.phone,
      householdOrgUnitId: DEMO_UNITS.village1,
      householdAddress: '演示一村9组9号',
    };
    expect((await pingan.post('/api/persons', body)).statusCode).toBe(201);
    expect((await pingan.post('/api/persons', body)).statusCode).toBe(409);
    const badCheckDigit = created.idNumber.slice(0, 17) + (created.idNumber.endsWith('0') ? '1' : '0');
    expect((await pingan.post('/api/persons', { ...body, idNumber: badCheckDigit })).statusCode).toBe(400);
    // A failed login with a password that is itself a secret.
    secrets.push('Secret#Pass123');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'pingan', password: 'Secret#Pass123' },
    });
    // A server error while writing: the error log must not carry the values either.
    await t.db.execute(sql`
      CREATE FUNCTION test_refuse_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit store unavailable (test)'; END;
      $$`);
    await t.db.execute(sql`
      CREATE TRIGGER test_refuse_audit_insert BEFORE INSERT ON audit_events
        FOR EACH ROW EXECUTE FUNCTION test_refuse_audit_insert()`);
    try {
      const failed = await pingan.post('/api/persons', {
        ...body,
        idNumber: demoIdNumber('19860606', 602),
        phone: '13698765432',
      });
      expect(failed.statusCode).toBe(500);
    } finally {
      await t.db.execute(sql`DROP TRIGGER test_refuse_audit_insert ON audit_events`);
      await t.db.execute(sql`DROP FUNCTION test_refuse_audit_insert()`);
    }
    await pingan.post('/api/auth/logout');
  });

  it('was captured (the checks below look at real log lines)', () => {
    const text = logText();
    expect(lines.length).toBeGreaterThan(10);
    expect(text).toContain('/api/persons');
    expect(text).toContain('/api/auth/login');
    expect(text).toContain('unhandled error');
    // Redaction left a marker where the numbers were.
    expect(text).toContain('[身份证号]');
    expect(text).toContain('[手机号]');
  });

  it('holds no 18-digit ID number', () => {
    const text = logText();
    expect(text.match(ID_NUMBER)?.[0]).toBeUndefined();
    for (const p of DEMO_PERSONS) expect(text).not.toContain(p.idNumber);
    expect(text).not.toContain(created.idNumber);
    expect(text).not.toContain(demoIdNumber('19860606', 602));
  });

  it('holds no 11-digit mobile number', () => {
    const text = logText();
    expect(text.match(MOBILE)?.[0]).toBeUndefined();
    expect(text).not.toContain(created.phone);
    expect(text).not.toContain('13698765432');
  });

  it('holds no session token, cookie or password', () => {
    const text = lines.join('\n');
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/anxin_session=/);
  });
});
