import type { OrgUnit } from '@anxin/shared';
import { ORG_KIND_LABELS } from '@anxin/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from './api';

export const ORG_UNITS_QUERY_KEY = ['org-units'] as const;

/** The org units in the user's scope, flat as the API sends them. */
export function useOrgUnits() {
  return useQuery({
    queryKey: ORG_UNITS_QUERY_KEY,
    queryFn: ({ signal }) => api.orgUnits(signal).then((body) => body.items),
    staleTime: 5 * 60_000,
  });
}

/** Villages and communities: the units a person's 户籍地 and 居住地 are recorded against. */
export function isResidentialUnit(unit: OrgUnit): boolean {
  return unit.kind === 'village' || unit.kind === 'community';
}

export interface OrgTreeNode {
  key: string;
  unit: OrgUnit;
  children?: OrgTreeNode[];
}

/** Builds the tree from the flat list; a unit whose parent is out of scope becomes a root. */
export function buildOrgTree(units: readonly OrgUnit[]): OrgTreeNode[] {
  const nodes = new Map<string, OrgTreeNode>(units.map((unit) => [unit.id, { key: unit.id, unit }]));
  const roots: OrgTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (!parent) roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }
  const sort = (list: OrgTreeNode[]) => {
    list.sort((a, b) => kindOrder(a.unit) - kindOrder(b.unit) || a.unit.name.localeCompare(b.unit.name, 'zh-CN'));
    for (const node of list) if (node.children) sort(node.children);
  };
  sort(roots);
  return roots;
}

// Departments after the villages of the same parent, so the territory reads first.
function kindOrder(unit: OrgUnit): number {
  return unit.kind === 'department' ? 1 : 0;
}

export function orgUnitLabel(unit: OrgUnit): string {
  return `${unit.name}（${ORG_KIND_LABELS[unit.kind]}）`;
}

/** The town a unit belongs to: itself if a town, else the nearest town above it. */
export function townOf(units: readonly OrgUnit[], unitId: string): OrgUnit | undefined {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  let unit = byId.get(unitId);
  while (unit && unit.kind !== 'town') unit = unit.parentId ? byId.get(unit.parentId) : undefined;
  return unit;
}

/** Unit names by id, for showing the ids a record carries. */
export function useOrgUnitNames(): Map<string, string> {
  const { data: units = [] } = useOrgUnits();
  return useMemo(() => new Map(units.map((unit) => [unit.id, unit.name])), [units]);
}
