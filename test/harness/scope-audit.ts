import type { Observation } from './probe-requests';
import { MarkerSearch, walkObjects, type Hit } from './response-scan';
import type { ProbeRole } from './scope-expectations';
import { describeCall } from './schema-walk';

/**
 * Checks a probe's answers against what each role may see, and keeps what went wrong as findings a
 * person can read: who asked, which call, where in the answer, and what came back.
 */

export interface Finding {
  role: string;
  /** The schema field it came through, e.g. `Workshop.host → Teacher.id`, or the mutation, or the table. */
  edge: string;
  /** What went wrong, e.g. `东区 (neighbour) teacher's id`. */
  what: string;
  /** Where: the call and the path in its answer, e.g. `workshop(id: "…").host.id`. */
  path: string;
  /** The root call the path starts with, when it does. */
  call?: string;
  /** Whose or which, e.g. `东探己`. */
  of?: string;
  value?: string;
  request: number;
}

interface RoleSearch {
  hidden: MarkerSearch;
  expected: MarkerSearch;
}

export class ScopeAudit {
  readonly findings: Finding[] = [];
  /** Per role, the expected values that did come back. */
  readonly found = new Map<string, Set<string>>();
  /** Per role, the object types that came back non-null somewhere. */
  readonly seenTypes = new Map<string, Set<string>>();
  readonly calledFields = new Set<string>();
  private readonly searches = new Map<string, RoleSearch>();

  constructor(private readonly allowedCodes: readonly string[]) {}

  private searchFor(role: ProbeRole): RoleSearch {
    let search = this.searches.get(role.name);
    if (!search) {
      search = { hidden: new MarkerSearch(role.hidden), expected: new MarkerSearch(role.expected) };
      this.searches.set(role.name, search);
    }
    return search;
  }

  private setOf(map: Map<string, Set<string>>, role: ProbeRole): Set<string> {
    let set = map.get(role.name);
    if (!set) map.set(role.name, (set = new Set()));
    return set;
  }

  /** Checks one answer: no hidden value in it, no record of an unreadable type, no unexpected error. */
  check(role: ProbeRole, observation: Observation): void {
    const { call, data, errors, request } = observation;
    const search = this.searchFor(role);
    const found = this.setOf(this.found, role);
    const seen = this.setOf(this.seenTypes, role);
    const callText = describeCall(call);
    this.calledFields.add(call.field);
    const leak = (edge: string, hit: Hit) =>
      this.add({
        role: role.name,
        edge,
        what: hit.marker.what,
        path: hit.path,
        call: callText,
        of: hit.marker.of,
        value: hit.marker.value,
        request,
      });
    const read = (value: unknown, path: string, edge: string) => {
      for (const hit of search.hidden.search(value, path)) leak(edge, hit);
      for (const hit of search.expected.search(value)) found.add(hit.marker.value);
    };

    if (!call.children.length) read(data, callText, `Query.${call.field}`);
    walkObjects(data, call, callText, `Query.${call.field}`, (selection, path, object, via) => {
      seen.add(selection.typeName);
      if (role.unreadableTypes.includes(selection.typeName)) {
        this.add({
          role: role.name,
          edge: via,
          what: `a ${selection.typeName} record, which ${role.name} may read none of`,
          path,
          value: JSON.stringify(object),
          request,
        });
      }
      for (const leaf of selection.children.filter((child) => !child.children.length)) {
        read(object[leaf.key], `${path}.${leaf.key}`, `${via} → ${selection.typeName}.${leaf.field}`);
      }
    });

    errors.forEach((error, i) => {
      const code = String(error.extensions?.code);
      const edge = `${call.field} (error)`;
      if (!this.allowedCodes.includes(code)) {
        this.add({
          role: role.name,
          edge,
          what: `answered ${code}`,
          path: callText,
          value: error.message,
          request,
        });
      }
      // An error may repeat what the caller sent; anything else in it is as leaked as in the data.
      for (const hit of search.hidden.search(
        { message: error.message, extensions: error.extensions },
        `errors[${i}]`,
      )) {
        if (!observation.document.includes(hit.marker.value)) leak(edge, hit);
      }
    });
  }

  add(finding: Finding): void {
    this.findings.push(finding);
  }
}

/** The smallest query asking for just `path`: `{ workshop(id: "…") { host { id } } }`. */
function reproduction(call: string, path: string): string {
  const steps = path
    .slice(call.length)
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter(Boolean);
  return `{ ${[call, ...steps].join(' { ')}${' }'.repeat(steps.length)} }`;
}

/**
 * The findings as a report: one entry per distinct leak — the same schema field and the same kind of
 * value — with the roles it reached and one example to reproduce it by.
 */
export function formatFindings(findings: Finding[], requests: number): string {
  const distinct = new Map<string, { first: Finding; roles: Set<string>; count: number }>();
  for (const finding of findings) {
    const key = `${finding.edge}: ${finding.what}`;
    const entry = distinct.get(key) ?? { first: finding, roles: new Set<string>(), count: 0 };
    entry.roles.add(finding.role);
    entry.count += 1;
    distinct.set(key, entry);
  }
  const entries = [...distinct.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { first, roles, count }]) => {
      const value = first.value === undefined ? '' : ` = ${JSON.stringify(first.value.slice(0, 160))}`;
      const whose = first.of ? ` (${first.of})` : '';
      return [
        `  ${key}`,
        `      as ${[...roles].join(', ')} — ${count} time(s)`,
        `      e.g. ${first.role}, request #${first.request}: ${first.path}${value}${whose}`,
        ...(first.call && first.path.startsWith(first.call)
          ? [`      try: ${reproduction(first.call, first.path)}`]
          : []),
      ].join('\n');
    });
  return `${distinct.size} distinct finding(s), ${findings.length} in all, in ${requests} requests:\n${entries.join('\n')}`;
}
