import { OperationTypeNode } from 'graphql';
import { ALL_ROLES, Role, type Principal } from '@mingshi/auth';
import { SERVICE_PARTS, readsReplicas } from './process-parts';
import { readsFromReplicas } from './read-routing';

const as = (...roles: Role[]): Principal => ({ userId: 'u', roles, regionCode: '510403' });

describe('which requests read from the replicas', () => {
  it("sends an analyst's queries there, with or without another role", () => {
    expect(readsFromReplicas(as(Role.ANALYST), OperationTypeNode.QUERY)).toBe(true);
    expect(readsFromReplicas(as(Role.COUNTY_OFFICE, Role.ANALYST), OperationTypeNode.QUERY)).toBe(true);
  });

  it('keeps every mutation on the primary, an analyst’s included', () => {
    for (const role of ALL_ROLES) {
      expect([role, readsFromReplicas(as(role), OperationTypeNode.MUTATION)]).toEqual([role, false]);
    }
    expect(readsFromReplicas(as(Role.ANALYST, Role.COUNTY_OFFICE), OperationTypeNode.MUTATION)).toBe(false);
  });

  it('keeps everyone else’s queries on the primary', () => {
    for (const role of ALL_ROLES.filter((role) => role !== Role.ANALYST)) {
      expect([role, readsFromReplicas(as(role), OperationTypeNode.QUERY)]).toEqual([role, false]);
    }
  });
});

describe('which parts read from the replicas', () => {
  it('are report sections and the graphs analysts query across, nothing that writes or consumes events', () => {
    const readers = (Object.keys(SERVICE_PARTS) as (keyof typeof SERVICE_PARTS)[]).flatMap((service) =>
      SERVICE_PARTS[service]
        .filter((part) => readsReplicas(service, part))
        .map((part) => `${service}-${part}`),
    );
    expect(readers).toEqual([
      'personnel-graph',
      'personnel-sections',
      'workshop-graph',
      'workshop-sections',
      'finance-graph',
      'finance-sections',
      'evaluation-graph',
      'evaluation-sections',
    ]);
  });
});
