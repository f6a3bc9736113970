import {
  caseExportQuery,
  complianceExportQuery,
  errorBody,
  IMPORT_FIELD_LABELS,
  IMPORT_MAX_BYTES,
  id,
  importQuery,
  importUploadForm,
  ledgerImportReport,
  obligationExportQuery,
  personExportQuery,
  screeningImportReport,
} from '@anxin/shared';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, badRequest } from '../../lib/errors.js';
import { exportWatermark, sendFile } from '../../lib/exports.js';
import { actorContext, actorOf } from '../access/access.hooks.js';
import type { Upload } from './import-report.js';
import { importLedger, ledgerTemplate } from './ledger-import.js';
import { createExportService } from './list-exports.js';
import { importScreening, screeningTemplate } from './screening-import.js';

const MEBIBYTES = IMPORT_MAX_BYTES / 1024 / 1024;
const tooLarge = () =>
  new AppError(413, 'TOO_LARGE', `文件(file)：文件过大，不能超过 ${MEBIBYTES} MB（可分成几个文件导入）`, [
    { field: 'file', message: `不能超过 ${MEBIBYTES} MB` },
  ]);

/** The uploaded workbook: one file in the field `file`, at most IMPORT_MAX_BYTES (413 above). */
async function readWorkbookUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw badRequest('文件(file)：请以 multipart/form-data 方式上传 .xlsx 文件', 'file');
  let upload: Upload | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file') upload = { bytes, fileName: part.filename || '导入文件.xlsx' };
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw new AppError(413, 'TOO_LARGE', '文件(file)：一次只能上传一个文件');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new AppError(413, 'TOO_LARGE', '请求内容过大：表单字段过多');
    // Anything else the multipart parser throws is a body it cannot read: an upload cut short
    // ("Unexpected end of form"), no boundary, a malformed part header.
    throw badRequest('文件(file)：上传的内容不完整或格式错误，请重新上传', 'file');
  }
  if (!upload || upload.bytes.length === 0) throw badRequest('文件(file)：请选择要导入的 .xlsx 文件', 'file');
  return upload;
}

/** Validates params and query as usual; the body schema only documents the form. */
const exceptMultipartBody: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? () => true : validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);

const file = z.any().describe('the .xlsx workbook, as an attachment');
const fileErrors = { 400: errorBody, 403: errorBody, 404: errorBody, 413: errorBody };

/**
 * Excel in and out (issue 6): the screening and ledger templates and imports, and the .xlsx
 * exports of the persons, cases, obligations and screening lists. Registered on its own, with
 * multipart for the uploads, so the rest of the API keeps its JSON bodies.
 */
export async function importRoutes(app: FastifyInstance) {
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5 } });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const services = app.services;
  const deps = { db: services.db, clock: services.clock, keys: services.keys, audit: services.audit };
  const exports = createExportService({
    ...deps,
    persons: services.persons,
    cases: services.cases,
    obligations: services.obligations,
    screening: services.screening,
  });
  const labels = IMPORT_FIELD_LABELS;
  const params = z.object({ id });
  const watermarkOf = (request: FastifyRequest) => exportWatermark(actorOf(request), services.clock.now());

  api.get(
    '/screening-reports/template.xlsx',
    {
      config: { permission: 'screening.write' },
      schema: { tags: ['screening'], response: { 200: file, 403: errorBody } },
    },
    async (request, reply) =>
      sendFile(
        reply,
        '排查情况表导入模板.xlsx',
        'xlsx',
        await screeningTemplate(deps, actorOf(request), watermarkOf(request)),
      ),
  );

  api.post(
    '/screening-reports/import',
    {
      config: { permission: 'screening.write', labels },
      validatorCompiler: exceptMultipartBody,
      schema: {
        tags: ['screening'],
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        body: importUploadForm,
        response: { 200: screeningImportReport, ...fileErrors, 409: errorBody },
      },
    },
    async (request) =>
      importScreening(deps, actorContext(request), await readWorkbookUpload(request), {
        dryRun: request.query.dryRun === 'true',
        validOnly: request.query.validOnly === 'true',
      }),
  );

  api.get(
    '/screening-reports/compliance.xlsx',
    {
      config: { permission: 'lists.export', labels },
      schema: { tags: ['screening'], querystring: complianceExportQuery, response: { 200: file, ...fileErrors } },
    },
    async (request, reply) => {
      const result = await exports.compliance(actorContext(request), request.query);
      return sendFile(reply, result.fileName, result.format, result.body);
    },
  );

  api.get(
    '/screening-reports/:id/export.xlsx',
    {
      config: { permission: 'lists.export' },
      schema: { tags: ['screening'], params, response: { 200: file, ...fileErrors } },
    },
    async (request, reply) => {
      const result = await exports.screeningReport(actorContext(request), request.params.id);
      return sendFile(reply, result.fileName, result.format, result.body);
    },
  );

  api.get(
    '/cases/ledger-template.xlsx',
    {
      config: { permission: 'cases.import' },
      schema: { tags: ['cases'], response: { 200: file, 403: errorBody } },
    },
    async (request, reply) =>
      sendFile(
        reply,
        '在册台账导入模板.xlsx',
        'xlsx',
        await ledgerTemplate(deps, actorOf(request), watermarkOf(request)),
      ),
  );

  api.post(
    '/cases/import-ledger',
    {
      config: { permission: 'cases.import', labels },
      validatorCompiler: exceptMultipartBody,
      schema: {
        tags: ['cases'],
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        body: importUploadForm,
        response: { 200: ledgerImportReport, ...fileErrors, 409: errorBody },
      },
    },
    async (request) =>
      importLedger(deps, actorContext(request), await readWorkbookUpload(request), {
        dryRun: request.query.dryRun === 'true',
        validOnly: request.query.validOnly === 'true',
      }),
  );

  api.get(
    '/persons/export.xlsx',
    {
      config: { permission: 'lists.export', labels },
      schema: { tags: ['persons'], querystring: personExportQuery, response: { 200: file, ...fileErrors } },
    },
    async (request, reply) => {
      const result = await exports.persons(actorContext(request), request.query);
      return sendFile(reply, result.fileName, result.format, result.body);
    },
  );

  api.get(
    '/cases/export.xlsx',
    {
      config: { permission: 'lists.export', labels },
      schema: { tags: ['cases'], querystring: caseExportQuery, response: { 200: file, ...fileErrors } },
    },
    async (request, reply) => {
      const result = await exports.cases(actorContext(request), request.query);
      return sendFile(reply, result.fileName, result.format, result.body);
    },
  );

  api.get(
    '/obligations/export.xlsx',
    {
      config: { permission: 'lists.export', labels },
      schema: { tags: ['obligations'], querystring: obligationExportQuery, response: { 200: file, ...fileErrors } },
    },
    async (request, reply) => {
      const result = await exports.obligations(actorContext(request), request.query);
      return sendFile(reply, result.fileName, result.format, result.body);
    },
  );
}
