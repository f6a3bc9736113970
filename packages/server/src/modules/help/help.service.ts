// 帮扶服务 and 矛盾纠纷与诉求 together: the two services, and the units an item may be given to.
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../access/actor.js';
import type { AuditLog } from '../audit/audit.service.js';
import { caseForRead } from '../work/work-access.js';
import { createGrievanceService } from './grievances.service.js';
import { helpUnitsOf } from './help.queries.js';
import { townOf } from './help-access.js';
import { createServiceItemService } from './services.service.js';

export function createHelpService(deps: { db: Db; clock: Clock; audit: AuditLog }) {
  return {
    services: createServiceItemService(deps),
    grievances: createGrievanceService(deps),
    /** Units an item of this case may be given to, with the roles of their staff (for the form). */
    async units(actor: Actor, caseId: string) {
      const { c } = await caseForRead(deps.db, actor, caseId);
      return { items: await helpUnitsOf(deps.db, await townOf(deps.db, c), [c.responsiblePath, c.assistingPath]) };
    },
  };
}

export type HelpService = ReturnType<typeof createHelpService>;
