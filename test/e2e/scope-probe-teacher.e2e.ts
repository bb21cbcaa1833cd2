import { Role } from '@mingshi/auth';
import { describeScopeProbe } from '../harness/scope-probe-suite';

// The scope probe (test/harness/scope-probe-suite.ts) as a trainee of its studio.
describeScopeProbe(Role.TEACHER);
