import { InputCheck } from '@mingshi/graphql';
import { DEFAULT_SCHEME, points } from '../../../services/evaluation/src/demo/default-scheme';
import type {
  AssessmentSchemeContentInput,
  IndicatorInput,
  WorkshopLevel,
} from '../../../services/evaluation/src/generated/resolvers-types';
import {
  allIndicators,
  buildIndicatorTree,
  totalPointsOf,
  type IndicatorNode,
} from '../../../services/evaluation/src/rules/scheme-tree';
import { thresholdsProblem, type GradeThresholdPoints } from '../../../services/evaluation/src/rules/scoring';
import { dayBetween, isoDate } from '../calendar';
import { Random, stableUuid } from '../random';
import type { StudioPlan } from '../workshop/studios';
import { runningOn } from './histories';

/** One version of an office's scheme, built and checked as draftAssessmentScheme builds it. */
export interface SchemeVersionPlan {
  id: string;
  schemeKey: string;
  version: number;
  level: WorkshopLevel;
  regionCode: string;
  name: string;
  combination: AssessmentSchemeContentInput['combination'];
  indicators: IndicatorNode[];
  totalPoints: number;
  thresholds: GradeThresholdPoints;
  draftedOn: string;
  /** The last day of the studios' comments (征求意见), for a version put out for them. */
  commentsCloseOn: string | null;
  publishedOn: string;
  comments: SchemeCommentPlan[];
}

export interface SchemeCommentPlan {
  id: string;
  studio: StudioPlan;
  indicatorCode: string | null;
  body: string;
  on: string;
}

/** An office: a jurisdiction that founds studios, and the studios it founded. */
export interface Office {
  level: WorkshopLevel;
  code: string;
  studios: StudioPlan[];
}

/**
 * 安宁 cut its scheme's 27 C-level indicators to 19 after surveying its studios and put the new one
 * out for their comments (seed 002): its office has the 27-indicator version the cut replaced, in
 * force until the current cycle, and the default 19 as version 2. Other offices have the default.
 */
const REVISED_OFFICES: ReadonlySet<string> = new Set(['530181']);

/**
 * The version 安宁 cut, as the default scheme plus the indicators that went — repetitive records
 * and box-ticking (台账) — and the maxima the survivors had before they took over those points.
 */
const CUT_INDICATORS: Readonly<Record<string, readonly { title: string; description: string }[]>> = {
  制度与规划: [
    { title: '工作室例会记录', description: '每月召开例会并有完整记录' },
    { title: '成员个人发展规划', description: '每位成员有三年个人专业发展规划' },
  ],
  研修活动: [
    { title: '活动签到与影像资料', description: '每次活动有签到表、照片和简报' },
    { title: '听课评课记录', description: '成员每学期听评课不少于 20 节并有记录' },
  ],
  课题研究: [{ title: '课题过程资料归档', description: '课题开题、中期、结题资料按月归档' }],
  成果产出: [{ title: '读书笔记与研修心得', description: '成员每学期读书笔记、研修心得各一篇' }],
  送教下乡: [{ title: '送教活动简报', description: '每次送教后一周内上报活动简报' }],
  平台建设: [{ title: '网页每周更新', description: '工作室网页每周至少更新一次' }],
};
const CUT_POINTS = '2';
const EARLIER_MAXIMA: Readonly<Record<string, string>> = {
  制度建设: '2',
  成员专业成长: '6',
  研修活动质量: '8',
  课题研究过程与成效: '8',
  成果质量与推广应用: '8',
  送教实效与示范引领: '8',
  经费管理规范: '5',
  网络平台建设与研修: '6',
};

const COMMENTS: readonly { indicator: string | null; body: string }[] = [
  { indicator: null, body: '指标精简后更聚焦工作室的主要任务，赞成修订后的方案。' },
  { indicator: '研修活动次数', body: '建议活动次数按学期统计，避免为凑次数而开展活动。' },
  { indicator: '学员结业', body: '结业证书在培养周期结束时才颁发，年度考核中此项多为零分，建议调整。' },
  { indicator: '资源浏览量', body: '浏览量受平台推广影响较大，建议适当降低分值。' },
  { indicator: '课题立项与在研', body: '希望校级课题的研究情况也能计入。' },
];

/**
 * Every office's published scheme: the default, first published in the autumn of `firstYear`,
 * before its first round; for the offices that revised theirs, the earlier version it replaced
 * first, and the revision drafted in May of `revisedYear`, out for the studios' comments in June
 * and published in September, before that year's round.
 */
export function planSchemes(
  offices: readonly Office[],
  firstYear: number,
  revisedYear: number,
): SchemeVersionPlan[] {
  return offices.flatMap((office) => {
    const key = `scheme:${office.code}`;
    const random = new Random(key);
    const first = {
      draftedOn: dayBetween(random, isoDate(firstYear, 8, 1), isoDate(firstYear, 8, 31)),
      publishedOn: dayBetween(random, isoDate(firstYear, 10, 1), isoDate(firstYear, 10, 25)),
    };
    if (!REVISED_OFFICES.has(office.code)) {
      return [schemeVersion(office, key, 1, DEFAULT_SCHEME, { ...first, commentsCloseOn: null })];
    }
    const commentsCloseOn = isoDate(revisedYear, 6, 30);
    const revised = schemeVersion(office, key, 2, DEFAULT_SCHEME, {
      draftedOn: dayBetween(random, isoDate(revisedYear, 5, 10), isoDate(revisedYear, 5, 31)),
      commentsCloseOn,
      publishedOn: dayBetween(random, isoDate(revisedYear, 9, 1), isoDate(revisedYear, 9, 20)),
    });
    revised.comments = planComments(office, revised, random, isoDate(revisedYear, 6, 1), commentsCloseOn);
    return [
      schemeVersion(office, key, 1, withCutIndicators(DEFAULT_SCHEME), { ...first, commentsCloseOn: null }),
      revised,
    ];
  });
}

/** The version in force for a round opened on `day`: the latest published before it. */
export function schemeInForce(versions: readonly SchemeVersionPlan[], day: string): SchemeVersionPlan | null {
  return versions.filter((v) => v.publishedOn < day).sort((a, b) => b.version - a.version)[0] ?? null;
}

function schemeVersion(
  office: Office,
  key: string,
  version: number,
  content: AssessmentSchemeContentInput,
  dates: Pick<SchemeVersionPlan, 'draftedOn' | 'commentsCloseOn' | 'publishedOn'>,
): SchemeVersionPlan {
  const check = new InputCheck(`${key}:v${version}`);
  const tree = buildIndicatorTree(content.indicators, check.at('indicators'));
  const thresholds = { ...content.gradeThresholds };
  check.expect('gradeThresholds', thresholdsProblem(thresholds, totalPointsOf(tree)));
  check.done();
  return {
    id: stableUuid(`${key}:v${version}`),
    schemeKey: stableUuid(key),
    version,
    level: office.level,
    regionCode: office.code,
    name: content.name,
    combination: content.combination,
    indicators: withStableIds(tree, `${key}:v${version}`),
    totalPoints: totalPointsOf(tree),
    thresholds,
    ...dates,
    comments: [],
  };
}

/**
 * The tree with ids from its version and codes: buildIndicatorTree gives each indicator a random
 * id, and a seeded row must come out the same on every run.
 */
function withStableIds(tree: readonly IndicatorNode[], key: string): IndicatorNode[] {
  return tree.map((node) => ({
    ...node,
    id: stableUuid(`${key}:indicator:${node.code}`),
    children: withStableIds(node.children, key),
  }));
}

/** The default scheme before 安宁's cut: its indicators, the cut ones, and the maxima before. */
export function withCutIndicators(content: AssessmentSchemeContentInput): AssessmentSchemeContentInput {
  const widen = (node: IndicatorInput): IndicatorInput => {
    if (!node.children) {
      const earlier = EARLIER_MAXIMA[node.title];
      return earlier ? { ...node, maxScore: points(earlier) } : node;
    }
    const cut = (CUT_INDICATORS[node.title] ?? []).map((c): IndicatorInput => ({
      ...c,
      maxScore: points(CUT_POINTS),
      source: 'EXPERT',
    }));
    return { ...node, children: [...node.children.map(widen), ...cut] };
  };
  return { ...content, name: '名师工作室考核办法', indicators: content.indicators.map(widen) };
}

/** Hosts of the office's running studios comment on the draft while it is out for comment. */
function planComments(
  office: Office,
  scheme: SchemeVersionPlan,
  random: Random,
  opensOn: string,
  closesOn: string,
): SchemeCommentPlan[] {
  const codes = new Map(allIndicators(scheme.indicators).map((i) => [i.title, i.code]));
  const running = random.sample(
    office.studios.filter((s) => runningOn(s.lifecycle, opensOn)),
    COMMENTS.length,
  );
  // Up to two comments from each host, on different points.
  return COMMENTS.slice(0, 2 * running.length).map((comment, i) => {
    const studio = running[i % running.length]!;
    return {
      id: stableUuid(`${scheme.id}:comment:${i}`),
      studio,
      indicatorCode: comment.indicator ? codes.get(comment.indicator)! : null,
      body: comment.body,
      on: dayBetween(random, opensOn, closesOn),
    };
  });
}
