/**
 * Which message names a problem in the list: by its kind, and for the problems about units
 * by what the units are (楼栋 buildings, or 街区 polygon blocks) and whether an over-cap grid
 * is one indivisible unit over the rule on its own — a reported exception, not a fault of
 * the plan (core's `PlanProblem.unitKind` and `exception`).
 */
import type { PlanProblem } from '@gridatlas/core';
import type { MessageKey } from '../i18n/messages';

export function problemLabelKey(p: Pick<PlanProblem, 'kind' | 'unitKind' | 'exception'>): MessageKey {
  const block = p.unitKind === 'block';
  if (p.kind === 'over_cap' && p.exception) return block ? 'problem.over_cap.single_block' : 'problem.over_cap.single_building';
  if (block && p.kind === 'cut_unit') return 'problem.cut_unit.block';
  if (block && p.kind === 'unassigned_unit') return 'problem.unassigned_unit.block';
  return `problem.${p.kind}`;
}

/** "N 栋楼" or "N 个街区": the units a problem involves. */
export function unitsCountKey(p: Pick<PlanProblem, 'unitKind'>): MessageKey {
  return p.unitKind === 'block' ? 'planner.blocksN' : 'planner.buildingsN';
}
