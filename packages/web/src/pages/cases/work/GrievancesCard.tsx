import type { CaseDetail } from '@anxin/shared';
import { HelpItemsCard } from '../../help/HelpItemsCard';
import { GRIEVANCE_KIND } from '../../help/helpKinds';

/** 矛盾纠纷与诉求 on the case page: the 事权单位 resolves each by its deadline; 平安办 supervises. */
export function GrievancesCard({ item }: { item: CaseDetail }) {
  return <HelpItemsCard kind={GRIEVANCE_KIND} item={item} testId="case-grievances" />;
}
