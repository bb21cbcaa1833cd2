import type { SchoolPlan, TeacherPlan } from '../personnel';
import type { Random } from '../random';
import { areaKey } from './jurisdictions';
import type { StudioPlan } from './studios';

/**
 * Where a studio finds teachers, best first: a teacher studio's members teach its subject at its
 * stage; a head-teacher or principals' studio draws from its stage; any teacher of the
 * jurisdiction when those run out (small demo counties).
 */
export function teamPools(studio: StudioPlan): (readonly TeacherPlan[])[] {
  const { jurisdiction, stage, subject } = studio;
  const sameStage = jurisdiction.byStage.get(stage) ?? [];
  const sameArea = studio.type === 'TEACHER' ? [jurisdiction.byArea.get(areaKey(stage, subject)) ?? []] : [];
  return [...sameArea, sameStage, jurisdiction.teachers];
}

/**
 * Up to `count` distinct teachers from the pools in order of preference, none that `skip` rejects.
 * Random probes find them quickly in a large pool; a pool the probes do not fill is scanned, so a
 * small or mostly skipped one still yields every teacher it has.
 */
export function drawTeachers(
  random: Random,
  pools: readonly (readonly TeacherPlan[])[],
  count: number,
  skip: (teacher: TeacherPlan) => boolean,
): TeacherPlan[] {
  const drawn = new Map<string, TeacherPlan>();
  const fits = (teacher: TeacherPlan) => !drawn.has(teacher.id) && !skip(teacher);
  for (const pool of pools) {
    for (let probe = 0; probe < 3 * count && drawn.size < count && pool.length > 0; probe++) {
      const teacher = random.pick(pool);
      if (fits(teacher)) drawn.set(teacher.id, teacher);
    }
    if (drawn.size < count) {
      for (const teacher of random.sample(pool.filter(fits), count - drawn.size)) {
        drawn.set(teacher.id, teacher);
      }
    }
    if (drawn.size >= count) break;
  }
  return [...drawn.values()];
}

/**
 * The schools a studio reaches out to and signs support agreements with: the jurisdiction's rural
 * or weak schools teaching the studio's stage (a senior-school studio supports senior schools),
 * any of them where none does, never the host's own school.
 */
export function supportTargets(studio: StudioPlan): SchoolPlan[] {
  const others = studio.jurisdiction.supportTargets.filter((school) => school !== studio.host.school);
  const sameStage = others.filter((school) => school.stages.includes(studio.stage));
  return sameStage.length > 0 ? sameStage : others;
}
