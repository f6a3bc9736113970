import {
  caseDocument,
  caseDocumentList,
  DOCUMENT_MAX_BYTES,
  documentListQuery,
  errorBody,
  id,
  uploadDocumentForm,
} from '@anxin/shared';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, badRequest } from '../../lib/errors.js';
import { actorContext, actorOf } from '../access/access.hooks.js';
import { attachmentDisposition } from './content-type.js';
import { fileTooLarge, type Upload } from './documents.service.js';

/**
 * The parts of a multipart upload: the `file` and the `archiveKind` field, in either order. The
 * file is buffered (at most 10 MiB, the plugin's limit) because its type is read from its bytes.
 */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw badRequest('文件(file)：请以 multipart/form-data 方式上传文件', 'file');
  const upload: Upload = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file') Object.assign(upload, { bytes, fileName: part.filename });
      } else if (part.fieldname === 'archiveKind' && typeof part.value === 'string') {
        upload.archiveKind = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    if (code === 'FST_FILES_LIMIT') throw new AppError(413, 'TOO_LARGE', '文件(file)：一次只能上传一个文件');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new AppError(413, 'TOO_LARGE', '请求内容过大：表单字段过多');
    throw error;
  }
  return upload;
}

/** Validates params and query as usual; the body schema only documents the form (readUpload checks the parts). */
const exceptMultipartBody: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? () => true : validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);

export async function documentRoutes(app: FastifyInstance) {
  // Multipart only here: the rest of the API keeps its 1 MiB JSON bodies.
  await app.register(multipart, { limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1, fields: 5 } });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { documents } = app.services;
  const tags = ['documents'];
  const params = z.object({ id });

  api.get(
    '/cases/:id/documents',
    {
      config: { permission: 'documents.read' },
      schema: {
        tags,
        params,
        querystring: documentListQuery,
        response: { 200: caseDocumentList, 400: errorBody, 404: errorBody },
      },
    },
    (request) => documents.list(actorOf(request), request.params.id, request.query),
  );

  api.post(
    '/cases/:id/documents',
    {
      config: { permission: 'documents.upload' },
      validatorCompiler: exceptMultipartBody,
      schema: {
        tags,
        params,
        consumes: ['multipart/form-data'],
        body: uploadDocumentForm,
        response: { 201: caseDocument, 400: errorBody, 404: errorBody, 413: errorBody, 415: errorBody },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await documents.upload(actorContext(request), request.params.id, () => readUpload(request))),
  );

  api.get(
    '/documents/:id/content',
    {
      config: { permission: 'documents.read' },
      schema: {
        tags,
        params,
        // The file's bytes, sent as they are (Fastify does not serialise a Buffer).
        response: { 200: z.any().describe('the file, as an attachment'), 404: errorBody },
      },
    },
    async (request, reply) => {
      const file = await documents.download(actorContext(request), request.params.id);
      return reply
        .type(file.mediaType)
        .header('content-disposition', attachmentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'no-store')
        .send(file.bytes);
    },
  );
}
