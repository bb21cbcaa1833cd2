import { describeScopeProbe } from '../harness/scope-probe-suite';

// The scope probe (test/harness/scope-probe-suite.ts) as an evaluator and the county's finance system.
describeScopeProbe('services');
