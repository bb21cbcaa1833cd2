import { Role } from '@mingshi/auth';
import { describeScopeProbe } from '../harness/scope-probe-suite';

// The scope probe (test/harness/scope-probe-suite.ts) as the county's office.
describeScopeProbe(Role.COUNTY_OFFICE);
