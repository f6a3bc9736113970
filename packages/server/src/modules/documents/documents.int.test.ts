import { ARCHIVE_KINDS } from '@anxin/shared';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.js';
import { insertListedCase } from '../../../test/lifecycle.js';
import { auditEvents, documentBlobs, documents, orgUnits } from '../../db/schema.js';
import { sm3Hex } from '../../lib/crypto.js';
import { DEMO_UNITS, DEMO_USERS, demoIdNumber } from '../../seed/demo-town.js';

let t: TestContext;
/** A person of 演示一村 and their listed case; a case of the other town that 演示一村 assists. */
let personId: string;
let caseId: string;
let assistedCaseId: string;

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
]);
const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

const unitPath = async (id: string) =>
  (await t.db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, id)))[0]?.path as string;

async function createPerson(sequence: number) {
  const response = await (await t.as('pingan')).post('/api/persons', {
    name: '档案测试人',
    idNumber: demoIdNumber('19750315', sequence),
    householdOrgUnitId: DEMO_UNITS.village1,
    householdAddress: '演示一村3组8号',
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

/** A multipart body built the way a browser builds it, for `inject`. */
async function multipart(parts: { archiveKind?: string; file?: { bytes: Buffer; name: string; type?: string } }) {
  const form = new FormData();
  if (parts.archiveKind !== undefined) form.append('archiveKind', parts.archiveKind);
  if (parts.file)
    form.append(
      'file',
      new Blob([new Uint8Array(parts.file.bytes)], { type: parts.file.type ?? 'application/octet-stream' }),
      parts.file.name,
    );
  const request = new Request('http://anxin.test', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') as string },
  };
}

async function upload(
  username: string,
  targetCase: string,
  parts: Parameters<typeof multipart>[0] = { archiveKind: 'approval_form', file: { bytes: PDF, name: '呈报表.pdf' } },
) {
  const { payload, headers } = await multipart(parts);
  return (await t.as(username)).post(`/api/cases/${targetCase}/documents`, payload, headers);
}

const tally = async () => ({
  documents: (await t.db.select({ value: count() }).from(documents))[0]?.value,
  blobs: (await t.db.select({ value: count() }).from(documentBlobs))[0]?.value,
  audit: (await t.db.select({ value: count() }).from(auditEvents))[0]?.value,
});

const eventsOf = (entityId: string, action: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, entityId), eq(auditEvents.action, action)));

beforeAll(async () => {
  t = await createTestContext();
  personId = await createPerson(961);
  caseId = await insertListedCase(t.db, personId, { responsible: await unitPath(DEMO_UNITS.village1) });
  // A case of the other town whose person lives in 演示一村: 演示一村 assists and sees it.
  assistedCaseId = await insertListedCase(t.db, await createPerson(962), {
    responsible: await unitPath(DEMO_UNITS.otherVillage),
    assisting: await unitPath(DEMO_UNITS.village1),
  });
});
afterAll(() => t.close());

describe('POST /api/cases/:id/documents', () => {
  it('files a PDF and a PNG into their slots, typed by content, with size and SM3, and audits each', async () => {
    const pdf = await upload('cun1', caseId, {
      archiveKind: 'approval_form',
      file: { bytes: PDF, name: '呈报表.pdf', type: 'text/plain' },
    });
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json()).toMatchObject({
      caseId,
      archiveKind: 'approval_form',
      fileName: '呈报表.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      sm3: sm3Hex(PDF),
      uploadedBy: DEMO_USERS.cun1,
      abilities: { download: true },
    });
    expect(pdf.json().createdAt).toMatch(/\+08:00$/);

    const png = await upload('pingan', caseId, {
      archiveKind: 'incident_report',
      file: { bytes: PNG, name: '现场.png' },
    });
    expect(png.statusCode).toBe(201);
    expect(png.json()).toMatchObject({ archiveKind: 'incident_report', mediaType: 'image/png', size: PNG.length });

    for (const document of [pdf.json(), png.json()]) {
      const [event] = await eventsOf(document.id, 'document.upload');
      expect(event).toMatchObject({ entityType: 'document', outcome: 'success' });
      const [blob] = await t.db.select().from(documentBlobs).where(eq(documentBlobs.documentId, document.id));
      expect(sm3Hex(Buffer.from(blob?.content ?? '', 'base64'))).toBe(document.sm3);
    }
  });

  it('takes the archive kind after the file as well as before it', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PDF)]), '责任书.pdf');
    form.append('archiveKind', 'responsibility_letter');
    const request = new Request('http://anxin.test', { method: 'POST', body: form });
    const response = await (await t.as('cun1')).post(
      `/api/cases/${caseId}/documents`,
      Buffer.from(await request.arrayBuffer()),
      { 'content-type': request.headers.get('content-type') as string },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().archiveKind).toBe('responsibility_letter');
  });

  it('keeps a "../" name only as a safe display name; storage uses the document UUID', async () => {
    const response = await upload('cun1', caseId, {
      archiveKind: 'other',
      file: { bytes: PDF, name: '../../etc/passwd.pdf' },
    });
    expect(response.statusCode).toBe(201);
    const { id, fileName } = response.json();
    expect(fileName).toBe('passwd.pdf');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await t.db.select().from(documentBlobs).where(eq(documentBlobs.documentId, id))).toHaveLength(1);
  });

  it('refuses HTML disguised as a .jpg with 415 in Chinese, writing nothing', async () => {
    const before = await tally();
    const response = await upload('cun1', caseId, {
      archiveKind: 'other',
      file: { bytes: HTML, name: 'x.jpg', type: 'image/jpeg' },
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(response.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await tally()).toEqual(before);
  });

  it('refuses plain text, whatever its name', async () => {
    const response = await upload('cun1', caseId, {
      archiveKind: 'other',
      file: { bytes: Buffer.from('走访记录：一切正常'), name: 'notes.pdf', type: 'application/pdf' },
    });
    expect(response.statusCode).toBe(415);
  });

  it('refuses a file over 10 MiB with 413, writing nothing', async () => {
    const before = await tally();
    const big = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const response = await upload('cun1', caseId, { archiveKind: 'other', file: { bytes: big, name: 'big.pdf' } });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'TOO_LARGE' });
    expect(response.json().error.message).toContain('10 MB');
    expect(await tally()).toEqual(before);
  });

  it('accepts a file of exactly 10 MiB', async () => {
    const exact = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 - PDF.length, 0x20)]);
    const response = await upload('cun1', caseId, { archiveKind: 'other', file: { bytes: exact, name: 'exact.pdf' } });
    expect(response.statusCode).toBe(201);
    expect(response.json().size).toBe(10 * 1024 * 1024);
  });

  it.each([
    ['an unknown archive kind', { archiveKind: 'secret_file', file: { bytes: PDF, name: 'a.pdf' } }, 'archiveKind'],
    ['no archive kind', { file: { bytes: PDF, name: 'a.pdf' } }, 'archiveKind'],
    ['no file', { archiveKind: 'other' }, 'file'],
    ['an empty file', { archiveKind: 'other', file: { bytes: Buffer.alloc(0), name: '' } }, 'file'],
  ])('answers 400 for %s, naming the field, writing nothing', async (_label, parts, field) => {
    const before = await tally();
    const response = await upload('cun1', caseId, parts);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain(field === 'archiveKind' ? '档案类别(archiveKind)' : '文件(file)');
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await tally()).toEqual(before);
  });

  it('answers 400 for a body that is not multipart', async () => {
    const response = await (await t.as('cun1')).post(`/api/cases/${caseId}/documents`, { archiveKind: 'other' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('multipart/form-data');
  });

  it('answers 413 for a second file in one request, writing nothing', async () => {
    const before = await tally();
    const form = new FormData();
    form.append('archiveKind', 'other');
    form.append('file', new Blob([new Uint8Array(PDF)]), 'a.pdf');
    form.append('file', new Blob([new Uint8Array(PDF)]), 'b.pdf');
    const request = new Request('http://anxin.test', { method: 'POST', body: form });
    const response = await (await t.as('cun1')).post(
      `/api/cases/${caseId}/documents`,
      Buffer.from(await request.arrayBuffer()),
      { 'content-type': request.headers.get('content-type') as string },
    );
    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toContain('一次只能上传一个文件');
    expect(await tally()).toEqual(before);
  });

  it('answers 404 to 演示二村’s cadre and for an absent case, writing no document', async () => {
    const before = await tally();
    expect((await upload('cun2', caseId)).statusCode).toBe(404);
    expect((await upload('cun1', crypto.randomUUID())).statusCode).toBe(404);
    const after = await tally();
    expect([after.documents, after.blobs]).toEqual([before.documents, before.blobs]);
    const [attempt] = await eventsOf(caseId, 'document.upload');
    expect(attempt).toMatchObject({ actorUsername: 'cun2', outcome: 'not_found' });
  });

  it('answers 403 to the administrator and to roles that only read', async () => {
    expect((await upload('admin', caseId)).statusCode).toBe(403);
    expect((await upload('lingdao', caseId)).statusCode).toBe(403);
  });

  it('lets the assisting town’s village file into a case it assists', async () => {
    expect((await upload('cun1', assistedCaseId)).statusCode).toBe(201);
    expect((await upload('cun2', assistedCaseId)).statusCode).toBe(404);
  });
});

describe('GET /api/cases/:id/documents', () => {
  it('lists the documents and all eight archive slots with their counts', async () => {
    const response = await (await t.as('cun1')).get(`/api/cases/${caseId}/documents?pageSize=100`);
    expect(response.statusCode).toBe(200);
    const { items, total, slots, abilities } = response.json();
    expect(total).toBe(items.length);
    expect(slots.map((s: { archiveKind: string }) => s.archiveKind)).toEqual([...ARCHIVE_KINDS]);
    const slot = (kind: string) => slots.find((s: { archiveKind: string }) => s.archiveKind === kind);
    expect(slot('approval_form')).toEqual({ archiveKind: 'approval_form', label: '“两失”人员审批呈报表', count: 1 });
    expect(slot('incident_report').count).toBe(1);
    expect(slot('responsibility_letter').count).toBe(1);
    expect(slot('meeting_minutes').count).toBe(0);
    expect(slots.reduce((sum: number, s: { count: number }) => sum + s.count, 0)).toBe(total);
    expect(items.map((d: { fileName: string }) => d.fileName)).toEqual(
      expect.arrayContaining(['呈报表.pdf', '现场.png', 'passwd.pdf']),
    );
    expect(items[0]).toHaveProperty('uploadedByName');
    expect(abilities).toEqual({ read: true, upload: true });
  });

  it('filters by archive kind and pages', async () => {
    const pingan = await t.as('pingan');
    const pdfs = (await pingan.get(`/api/cases/${caseId}/documents?archiveKind=approval_form`)).json();
    expect(pdfs.items.map((d: { archiveKind: string }) => d.archiveKind)).toEqual(['approval_form']);
    const page1 = (await pingan.get(`/api/cases/${caseId}/documents?pageSize=2&page=1`)).json();
    const page2 = (await pingan.get(`/api/cases/${caseId}/documents?pageSize=2&page=2`)).json();
    expect(page1.items).toHaveLength(2);
    const ids = [...page1.items, ...page2.items].map((d: { id: string }) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await pingan.get(`/api/cases/${caseId}/documents?archiveKind=nonsense`)).statusCode).toBe(400);
  });

  it('shows a reading-only role the archive without the upload ability', async () => {
    const response = await (await t.as('lingdao')).get(`/api/cases/${caseId}/documents`);
    expect(response.statusCode).toBe(200);
    expect(response.json().abilities).toEqual({ read: true, upload: false });
  });

  it('answers 404 to 演示二村’s cadre and for an absent case, 403 to the administrator', async () => {
    expect((await (await t.as('cun2')).get(`/api/cases/${caseId}/documents`)).statusCode).toBe(404);
    expect((await (await t.as('cun1')).get(`/api/cases/${crypto.randomUUID()}/documents`)).statusCode).toBe(404);
    expect((await (await t.as('admin')).get(`/api/cases/${caseId}/documents`)).statusCode).toBe(403);
  });
});

describe('GET /api/documents/:id/content', () => {
  let pdfId: string;
  let pngId: string;
  beforeAll(async () => {
    const { items } = (await (await t.as('cun1')).get(`/api/cases/${caseId}/documents?pageSize=100`)).json();
    pdfId = items.find((d: { fileName: string }) => d.fileName === '呈报表.pdf').id;
    pngId = items.find((d: { fileName: string }) => d.fileName === '现场.png').id;
  });

  it('returns the same bytes as an attachment that browsers must not sniff or cache, and audits it', async () => {
    const response = await (await t.as('pingan')).get(`/api/documents/${pdfId}/content`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(PDF)).toBe(true);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('呈报表.pdf')}`,
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    const [event] = await eventsOf(pdfId, 'document.read');
    expect(event).toMatchObject({ actorUsername: 'pingan', entityType: 'document', outcome: 'success' });
  });

  it('returns a PNG byte for byte', async () => {
    const response = await (await t.as('cun1')).get(`/api/documents/${pngId}/content`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(PNG)).toBe(true);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-disposition']).toMatch(/^attachment; /);
  });

  it('answers 404 to 演示二村’s cadre (and audits the attempt), 404 for an absent id, 403 to the administrator', async () => {
    const denied = await (await t.as('cun2')).get(`/api/documents/${pdfId}/content`);
    expect(denied.statusCode).toBe(404);
    expect(denied.rawPayload.includes(PDF)).toBe(false);
    const attempts = await eventsOf(pdfId, 'document.read');
    expect(attempts.find((e) => e.actorUsername === 'cun2')?.outcome).toBe('not_found');
    expect((await (await t.as('cun1')).get(`/api/documents/${crypto.randomUUID()}/content`)).statusCode).toBe(404);
    expect((await (await t.as('admin')).get(`/api/documents/${pdfId}/content`)).statusCode).toBe(403);
  });

  it('refuses to serve bytes that no longer match their SM3', async () => {
    const { id } = (
      await upload('cun1', caseId, { archiveKind: 'other', file: { bytes: PDF, name: 'tampered.pdf' } })
    ).json();
    const altered = Buffer.from(PDF);
    altered[altered.length - 2] = 0x21;
    await t.db
      .update(documentBlobs)
      .set({ content: altered.toString('base64') })
      .where(eq(documentBlobs.documentId, id));
    const response = await (await t.as('cun1')).get(`/api/documents/${id}/content`);
    expect(response.statusCode).toBe(500);
    expect(response.rawPayload.includes(altered)).toBe(false);
  });
});

describe('GET /api/persons/:id/audit-trail', () => {
  it('shows the reads of the person and the events of the file’s documents, newest first', async () => {
    const pingan = await t.as('pingan');
    expect((await pingan.get(`/api/persons/${personId}`)).statusCode).toBe(200);
    const response = await pingan.get(`/api/persons/${personId}/audit-trail?pageSize=100`);
    expect(response.statusCode).toBe(200);
    const { items, total } = response.json();
    expect(total).toBe(items.length);
    const actions = items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'person.create',
        'person.read',
        'person.audit_trail.read',
        'document.upload',
        'document.read',
      ]),
    );
    // The reading of the trail is recorded before it is read, so it comes first.
    expect(items[0]).toMatchObject({ action: 'person.audit_trail.read', actorUsername: 'pingan' });
    const seqs = items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(items[0]).not.toHaveProperty('prevHash');
    expect(items[0]).not.toHaveProperty('actorUnitPath');
    // Another person's case is not part of this file.
    const foreign = await (await t.as('cun1')).get(`/api/cases/${assistedCaseId}/documents`);
    const foreignIds = foreign.json().items.map((d: { id: string }) => d.id);
    expect(items.some((e: { entityId: string }) => foreignIds.includes(e.entityId))).toBe(false);
  });

  it('pages', async () => {
    const cun1 = await t.as('cun1');
    const page1 = (await cun1.get(`/api/persons/${personId}/audit-trail?pageSize=3&page=1`)).json();
    expect(page1.items).toHaveLength(3);
    expect(page1.total).toBeGreaterThan(3);
  });

  it('answers 404 to 演示二村’s cadre and audits the attempt; 403 to the administrator', async () => {
    const response = await (await t.as('cun2')).get(`/api/persons/${personId}/audit-trail`);
    expect(response.statusCode).toBe(404);
    const attempts = await eventsOf(personId, 'person.audit_trail.read');
    expect(attempts.find((e) => e.actorUsername === 'cun2')?.outcome).toBe('not_found');
    expect((await (await t.as('admin')).get(`/api/persons/${personId}/audit-trail`)).statusCode).toBe(403);
    expect((await (await t.as('pingan')).get(`/api/persons/${crypto.randomUUID()}/audit-trail`)).statusCode).toBe(404);
  });
});
