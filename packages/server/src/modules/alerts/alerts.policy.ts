import type { Actor } from '../access/actor.js';
import { can } from '../access/actor.js';
import type { AlertRow } from './alerts.queries.js';

/**
 * 联合处置 (⑥): 派出所 records its response; 平安办 or 派出所 notify the service team and record
 * the disposition, which needs both earlier steps. Each step is recorded once. Reading and reaching
 * the alert at all follow jurisdiction (the query layer).
 */
export const alertPolicy = {
  respond: (actor: Actor, a: AlertRow) => can(actor, 'alerts.respond') && a.policeRespondedAt === null,
  notifyTeam: (actor: Actor, a: AlertRow) => can(actor, 'alerts.dispose') && a.teamNotifiedAt === null,
  dispose: (actor: Actor, a: AlertRow) =>
    can(actor, 'alerts.dispose') && a.policeRespondedAt !== null && a.teamNotifiedAt !== null && a.disposedAt === null,
  note: (actor: Actor, _a: AlertRow) => can(actor, 'alerts.dispose'),
};

export function alertAbilities(actor: Actor, a: AlertRow) {
  return {
    respond: alertPolicy.respond(actor, a),
    notifyTeam: alertPolicy.notifyTeam(actor, a),
    dispose: alertPolicy.dispose(actor, a),
    note: alertPolicy.note(actor, a),
  };
}
