import { Role } from '@mingshi/auth';
import { describeScopeProbe } from '../harness/scope-probe-suite';

// The scope probe (test/harness/scope-probe-suite.ts) as the administrator of one of its schools.
describeScopeProbe(Role.SCHOOL_ADMIN);
