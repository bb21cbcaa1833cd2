/** One sample line of Prometheus's text format: `name{label="value",…} value`. */
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function labelsOf(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [, name, value] of (text ?? '').matchAll(LABEL)) labels[name!] = value!;
  return labels;
}

/**
 * The value of `series` in Prometheus's text format, summed over every sample it names: `name`
 * alone sums all of that metric's samples, `name{a="x"}` those with these labels among theirs
 * (the labels a process adds to all its series, `service` and `part`, need not be named). 0 while
 * no such sample is there (prom-client prints a labelled series once it is used).
 */
export function sampleValue(text: string, series: string): number {
  const wanted = SAMPLE.exec(`${series} 0`);
  if (!wanted) throw new Error(`not a series: ${series}`);
  const [, name, wantedLabels] = wanted;
  const required = Object.entries(labelsOf(wantedLabels));
  let sum = 0;
  for (const line of text.split('\n')) {
    const sample = SAMPLE.exec(line);
    if (!sample || sample[1] !== name) continue;
    const labels = labelsOf(sample[2]);
    if (required.every(([label, value]) => labels[label] === value)) sum += Number(sample[3]);
  }
  return sum;
}
