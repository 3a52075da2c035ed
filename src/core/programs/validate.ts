/**
 * Whether a definition may be published: it parses under the format, every rule type-checks to a
 * bool, and every reference (coverage, forms, raised caps) points at something that exists.
 */
import type { z } from 'zod';
import { directionCodes, programDefinition, type ProgramDefinition } from './definition.ts';
import { checkExpression, checkRules } from './rule-engine.ts';

export interface DefinitionProblem {
  path: string;
  message: string;
  ruleId?: string;
}

/** All references a coverage item may name, e.g. `rule:it-team-size`, `stage:public_notice`. */
export function referenceTargets(d: ProgramDefinition): Set<string> {
  const refs = new Set<string>();
  d.rules.forEach((r) => refs.add(`rule:${r.id}`));
  d.stages.forEach((s) => refs.add(`stage:${s.type}`));
  for (const level of [1, 2, 3]) directionCodes(d.directions, level).forEach((c) => refs.add(`direction:${c}`));
  d.forms.forEach((f) => {
    refs.add(`form:${f.id}`);
    f.sections.forEach((s) => s.fields.forEach((field) => refs.add(`field:${f.id}.${field.id}`)));
    f.attachments.forEach((a) => refs.add(`attachment:${f.id}.${a.id}`));
  });
  d.targets.forEach((t) => refs.add(`target:${t.id}`));
  d.incentives.forEach((i) => refs.add(`incentive:${i.id}`));
  d.sanctions.forEach((s) => refs.add(`sanction:${s.id}`));
  d.titles.forEach((t) => refs.add(`title:${t.id}`));
  d.applicantTypes.forEach((t) => refs.add(`applicantType:${t.code}`));
  const settings: [string, unknown][] = [
    ['quotas.total', d.quotas.total],
    ['quotas.perCity', d.quotas.perCity],
    ['quotas.perCategory', d.quotas.perCategory.length ? d.quotas.perCategory : undefined],
    ['perApplicant', d.perApplicant.maxApplications],
    ['scoring', d.scoring],
    ['publicNotice', d.publicNotice],
    ['subsidy', d.subsidy],
    ['subsidy.tranches', d.subsidy && 'tranches' in d.subsidy ? d.subsidy.tranches : undefined],
    ['subsidy.eligibleInvestment', d.subsidy?.kind === 'formula' ? d.subsidy.eligibleInvestment : undefined],
    ['subsidy.cityMatching', d.subsidy?.kind === 'formula' ? d.subsidy.cityMatching : undefined],
    ['acceptance', d.acceptance],
    ['spotCheck', d.spotCheck],
    ['effective', d.effective],
    ['taskForceRouting', d.taskForceRouting],
  ];
  for (const [path, value] of settings) if (value !== undefined) refs.add(`setting:${path}`);
  return refs;
}

export function validateDefinition(raw: unknown): { definition?: ProgramDefinition; problems: DefinitionProblem[] } {
  const parsed = programDefinition.safeParse(raw);
  if (!parsed.success) {
    return { problems: (parsed.error as z.ZodError).issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }
  const d = parsed.data;
  const problems: DefinitionProblem[] = [];
  checkRules(d.rules).forEach((c, i) => {
    if (!c.valid) problems.push({ path: `rules.${i}.expression`, ruleId: c.ruleId, message: c.error ?? 'invalid' });
  });
  if (d.subsidy?.kind === 'officer_entered') {
    d.subsidy.raisedCaps.forEach((cap, i) => {
      const c = checkExpression(cap.when);
      if (!c.valid) problems.push({ path: `subsidy.raisedCaps.${i}.when`, message: c.error ?? 'invalid' });
    });
  }
  d.forms.forEach((f, i) =>
    f.attachments.forEach((a, j) => {
      if (!a.requiredWhen) return;
      const c = checkExpression(a.requiredWhen);
      if (!c.valid) problems.push({ path: `forms.${i}.attachments.${j}.requiredWhen`, message: c.error ?? 'invalid' });
    }),
  );
  const codes = new Set([1, 2, 3].flatMap((level) => directionCodes(d.directions, level)));
  d.forms.forEach((f, i) =>
    (f.appliesTo.directions ?? []).forEach((code) => {
      if (!codes.has(code)) problems.push({ path: `forms.${i}.appliesTo.directions`, message: `unknown direction ${code}` });
    }),
  );
  const targets = referenceTargets(d);
  d.coverage.forEach((item, i) => {
    item.implementedBy.forEach((ref) => {
      if (!targets.has(ref)) problems.push({ path: `coverage.${i}.implementedBy`, message: `${item.ref}: ${ref} does not exist in the definition` });
    });
    if (item.status === 'covered' && item.implementedBy.length === 0) problems.push({ path: `coverage.${i}`, message: `${item.ref}: covered by nothing` });
    if (item.status === 'not-enforceable' && !item.reason) problems.push({ path: `coverage.${i}.reason`, message: `${item.ref}: say why it is not enforceable` });
  });
  return problems.length ? { definition: d, problems } : { definition: d, problems: [] };
}
