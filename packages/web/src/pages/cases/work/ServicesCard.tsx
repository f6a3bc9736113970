import type { CaseDetail } from '@anxin/shared';
import { HelpItemsCard } from '../../help/HelpItemsCard';
import { SERVICE_KIND } from '../../help/helpKinds';

/** 帮扶服务 on the case page (低保、法律援助、心理疏导 …), given to a unit and worked from its queue. */
export function ServicesCard({ item }: { item: CaseDetail }) {
  return <HelpItemsCard kind={SERVICE_KIND} item={item} testId="case-services" />;
}
