import { describeScopeProbe } from '../harness/scope-probe-suite';

// The scope probe (test/harness/scope-probe-suite.ts) as a school's administrator, a studio's host and a trainee.
describeScopeProbe('school');
