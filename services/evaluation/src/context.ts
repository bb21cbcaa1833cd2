import type { SubgraphContext } from '@mingshi/subgraph-server';
import type { AssessmentSources } from './assessment-sources';
import type { EvaluationLoaders } from './loaders';

export interface EvaluationContext extends SubgraphContext {
  loaders: EvaluationLoaders;
  /** Workshop, finance and personnel, asked on the caller's behalf. */
  sources: AssessmentSources;
}
