import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldLabel } from '@anxin/shared';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database, Db } from './db/client.js';
import { type Clock, systemClock } from './lib/clock.js';
import type { Keys } from './lib/crypto.js';
import { isDatabaseUnavailable } from './lib/db-errors.js';
import { AppError } from './lib/errors.js';
import { errorForLog, loggerOptions } from './lib/logger.js';
import { malformedTextPath, validationDetails } from './lib/validation.js';
import { accessHooks } from './modules/access/access.hooks.js';
import { alertRoutes } from './modules/alerts/alerts.routes.js';
import { createAlertService } from './modules/alerts/alerts.service.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import type { AuditLog } from './modules/audit/audit.service.js';
import { createAuditLog } from './modules/audit/audit.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createAuthService, type SessionPolicy } from './modules/auth/auth.service.js';
import { caseRoutes } from './modules/cases/cases.routes.js';
import { createCaseService } from './modules/cases/cases.service.js';
import { transferRoutes } from './modules/cases/transfers.routes.js';
import { createTransferService } from './modules/cases/transfers.service.js';
import { documentRoutes } from './modules/documents/documents.routes.js';
import { createDocumentService } from './modules/documents/documents.service.js';
import { formRoutes } from './modules/forms/forms.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { helpRoutes } from './modules/help/help.routes.js';
import { importRoutes } from './modules/imports/imports.routes.js';
import { createDecisionService } from './modules/meetings/decisions.service.js';
import { meetingRoutes } from './modules/meetings/meetings.routes.js';
import { createMeetingService } from './modules/meetings/meetings.service.js';
import { noticeRoutes } from './modules/notice/notice.routes.js';
import { notificationRoutes } from './modules/notifications/notifications.routes.js';
import { createNotificationService } from './modules/notifications/notifications.service.js';
import { obligationRoutes } from './modules/obligations/obligations.routes.js';
import { createObligationService } from './modules/obligations/obligations.service.js';
import { createPolicyService, createSensitivePeriodService } from './modules/obligations/policy.service.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { createOrgService } from './modules/org/org.service.js';
import { createInspectionService } from './modules/oversight/inspections.service.js';
import { createInvestigationService } from './modules/oversight/investigations.service.js';
import { oversightRoutes } from './modules/oversight/oversight.routes.js';
import { personRoutes } from './modules/persons/persons.routes.js';
import { createPersonService } from './modules/persons/persons.service.js';
import { createReminderService, type ReminderOptions } from './modules/reminders/reminders.service.js';
import { webhookRoutes } from './modules/reminders/webhooks.routes.js';
import { createWebhookService } from './modules/reminders/webhooks.service.js';
import { screeningRoutes } from './modules/screening/screening.routes.js';
import { createScreeningService } from './modules/screening/screening.service.js';
import { readDemoMode } from './modules/settings.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { teamRoutes } from './modules/teams/teams.routes.js';
import { createTeamService } from './modules/teams/teams.service.js';
import { userRoutes } from './modules/users/users.routes.js';
import { createUserService } from './modules/users/users.service.js';
import { createRecordService } from './modules/work/records.service.js';
import { createVisitService } from './modules/work/visits.service.js';
import { workRoutes } from './modules/work/work.routes.js';
import './lib/validation.js';

export interface AppOptions {
  database: Database;
  keys: Keys;
  clock?: Clock;
  /** Pino options or a destination stream; false (tests) logs nothing. */
  logger?: boolean | { stream: NodeJS.WritableStream; level?: string };
  secureCookies?: boolean;
  trustProxy?: number | string[] | false;
  /** The built web app; when present it is served for every non-API GET. */
  webDist?: string;
  session?: Partial<SessionPolicy>;
  /** Login attempts per IP per minute before 429. */
  loginRateLimit?: number;
  /** Start the daily job (08:00 Beijing) and the webhook worker with the app; main.ts only, not tests. */
  backgroundJobs?: boolean;
  reminders?: ReminderOptions;
}

/** The services every module reaches through `app.services`. */
export type Services = Awaited<ReturnType<typeof buildServices>>;

async function buildServices(options: AppOptions, log: FastifyBaseLogger) {
  const clock = options.clock ?? systemClock;
  const { db, driver } = options.database;
  const audit = createAuditLog(options.keys.audit, clock);
  const demoMode = await readDemoMode(db);
  const deps = { db, driver, keys: options.keys, clock, audit, demoMode };
  return {
    ...deps,
    auth: createAuthService(deps, options.session),
    org: createOrgService(deps),
    users: createUserService(deps),
    persons: createPersonService(deps),
    documents: createDocumentService(deps),
    notifications: createNotificationService(deps),
    cases: createCaseService(deps),
    transfers: createTransferService(deps),
    ...lifecycleServices(deps),
    ...workServices(deps),
    inspections: createInspectionService(deps),
    investigations: createInvestigationService(deps),
    webhooks: createWebhookService(deps),
    reminders: createReminderService({ ...deps, log }, options.reminders),
  };
}

/** Meetings take their agenda's 待研判 pool from the screening module; decisions use the meetings. */
function lifecycleServices(deps: { db: Db; clock: Clock; audit: AuditLog }) {
  const screening = createScreeningService(deps);
  const meetings = createMeetingService(
    deps,
    async (actor, unitId) =>
      (await screening.pool(actor, { status: 'pending', orgUnitId: unitId, page: 1, pageSize: 100 })).items,
  );
  return { screening, meetings, decisions: createDecisionService(deps, meetings) };
}

/** §四(三): teams, work records and the obligations they meet. */
function workServices(deps: { db: Db; clock: Clock; audit: AuditLog }) {
  const cases = createCaseService(deps);
  return {
    teams: createTeamService(deps),
    visits: createVisitService(deps),
    alerts: createAlertService(deps),
    records: createRecordService({ ...deps, cases }),
    obligations: createObligationService({ ...deps, screening: createScreeningService(deps) }),
    policy: createPolicyService(deps),
    sensitivePeriods: createSensitivePeriodService(deps),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? loggerOptions(options.logger) : false,
    // A hop count becomes "trust the nearest n hops" (the typings take no number).
    trustProxy:
      typeof options.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (options.trustProxy as number)
        : (options.trustProxy ?? false),
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('services', await buildServices(options, app.log));
  if (options.backgroundJobs) {
    app.addHook('onReady', async () => app.services.reminders.start());
    app.addHook('onClose', () => app.services.reminders.stop());
  }

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    // A fresh nonce per response: antd inserts <style> elements at run time and carries the nonce
    // that index.html hands it, so no 'unsafe-inline' is needed.
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: options.secureCookies ? undefined : false,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(context.statusCode, 'RATE_LIMITED', `请求过于频繁，请${Math.ceil(context.ttl / 1000)}秒后再试`),
  });
  await app.register(fastifySwagger, {
    openapi: { info: { title: '安心 Anxin API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = validationDetails(error.validation, request.routeOptions.config?.labels);
      return reply
        .code(400)
        .send({ error: { code: 'VALIDATION_FAILED', message: details[0]?.message ?? '请求内容无效', details } });
    }
    if (error instanceof AppError) {
      return reply
        .code(error.statusCode)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ error: errorForLog(error) }, 'database unavailable');
      return reply.code(503).send({ error: { code: 'DB_UNAVAILABLE', message: '数据库暂不可用，请稍后重试' } });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) return reply.code(413).send({ error: { code: 'TOO_LARGE', message: '请求内容过大' } });
    if (status === 415)
      return reply.code(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' } });
    if (status >= 400 && status < 500) {
      const code = (error as { code?: string }).code ?? '';
      const message = /JSON|BODY|CONTENT/.test(code) ? '请求内容不是有效的JSON或格式错误' : '请求无效';
      return reply.code(status).send({ error: { code: 'BAD_REQUEST', message } });
    }
    request.log.error({ error: errorForLog(error) }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误' } });
  });

  // Before any schema: text that PostgreSQL cannot store as given is bad input, not a 500.
  app.addHook('preValidation', async (request) => {
    const path = malformedTextPath(request.body) ?? malformedTextPath(request.query);
    if (path) {
      const field = path.join('.');
      throw new AppError(400, 'VALIDATION_FAILED', `${fieldLabel(path)}：包含无效字符`, [
        { field, message: `${fieldLabel(path)}：包含无效字符` },
      ]);
    }
  });

  // Personal data must not linger in browser or proxy caches (等保 8.1.4.10, ASVS 14.3).
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api')) reply.header('cache-control', 'no-store');
  });

  await app.register(accessHooks, { secureCookies: options.secureCookies ?? false });
  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes, {
        secureCookies: options.secureCookies ?? false,
        loginRateLimit: options.loginRateLimit ?? 20,
      });
      await api.register(orgRoutes);
      await api.register(userRoutes);
      await api.register(personRoutes);
      await api.register(screeningRoutes);
      await api.register(documentRoutes);
      await api.register(formRoutes);
      await api.register(auditRoutes);
      await api.register(caseRoutes);
      await api.register(transferRoutes);
      await api.register(meetingRoutes);
      await api.register(noticeRoutes);
      await api.register(notificationRoutes);
      await api.register(webhookRoutes);
      await api.register(teamRoutes);
      await api.register(workRoutes);
      await api.register(alertRoutes);
      await api.register(helpRoutes);
      await api.register(obligationRoutes);
      await api.register(oversightRoutes);
      await api.register(statsRoutes);
      await api.register(importRoutes);
      api.get('/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, () => app.swagger());
    },
    { prefix: '/api' },
  );

  const webDist = options.webDist;
  const indexHtml =
    webDist && existsSync(join(webDist, 'index.html')) ? readFileSync(join(webDist, 'index.html'), 'utf8') : null;
  if (webDist && indexHtml) {
    await app.register(fastifyStatic, { root: webDist, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (indexHtml && request.method === 'GET' && !request.url.startsWith('/api')) {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(indexHtml.replaceAll('__CSP_NONCE__', reply.cspNonce.style));
    }
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '未找到该资源' } });
  });

  return app;
}
