import { pointsToHundredths } from '@mingshi/graphql';
import type {
  AssessmentSchemeContentInput,
  ComputedRuleInput,
  IndicatorInput,
} from '../generated/resolvers-types';

/**
 * The default assessment scheme (考核方案) the demo data publishes for every office: what a studio is
 * assessed on, as the seeds' notices put it. 19 C-level indicators, as 安宁 kept after cutting its 27
 * (the repetitive and box-ticking ones went); six A-level groups after 贵州's standard — team
 * building, research and activities, outcomes, outreach (送教), funds and the studio's online
 * presence (its website's visits and online 研修 are "one of the indicators"); research projects
 * weigh heavily, as 西区 makes their progress "an important basis" of its assessment.
 *
 * Experts score 70 of the 100 points; the other 30 are computed from the studio's records for the
 * period. Counted figures can only add to a total, so whatever a studio's figures, its experts'
 * scores decide between every grade: even full computed points (30) stay below 基本合格 (60).
 *
 * Points are written as the API reads them (`points('5')` is the Score "5", 500 hundredths), since
 * the generated input type carries the Score scalar already parsed.
 */
export const DEFAULT_SCHEME: AssessmentSchemeContentInput = {
  name: '名师工作室考核方案',
  combination: 'TRIMMED_MEAN',
  gradeThresholds: { excellent: points('85'), qualified: points('70'), basic: points('60') },
  indicators: [
    group('团队建设', '工作室的制度、规划和团队成员、学员的成长', [
      section('制度与规划', [
        expert('制度建设', '4', '工作室管理制度健全并落实，分工明确'),
        expert('规划与计划', '3', '三年发展规划和年度工作计划、总结完整可行'),
      ]),
      section('团队成长', [
        expert('成员专业成长', '8', '成员在教学、科研和职称、称号上的进步'),
        computed('学员结业', '3', '期内颁发结业证书的学员人数', {
          metric: 'TRAINEES_CERTIFIED',
          method: 'AT_LEAST',
          steps: [step(1, '1'), step(5, '2'), step(10, '3')],
        }),
      ]),
    ]),
    group('研修与活动', '主题教研、团队研修和课题研究', [
      section('研修活动', [
        computed('研修活动次数', '4', '期内开展的各类研修活动，40 次及以上得满分，不足按比例计', {
          metric: 'ACTIVITIES',
          method: 'LINEAR',
          target: 40,
        }),
        computed('主题教研', '3', '期内开展的主题教研活动次数', {
          metric: 'ACTIVITIES',
          activityType: 'THEMED_RESEARCH',
          method: 'AT_LEAST',
          steps: [step(4, '1'), step(8, '2'), step(12, '3')],
        }),
        expert('研修活动质量', '10', '活动主题明确、形式多样、有记录有反思，参与面广'),
      ]),
      section('课题研究', [
        computed('课题立项与在研', '3', '期内立项或在研、结题的县级及以上课题', {
          metric: 'RESEARCH_PROJECTS',
          minimumLevel: 'COUNTY',
          projectStatuses: ['APPROVED', 'IN_PROGRESS', 'CONCLUDED'],
          method: 'AT_LEAST',
          steps: [step(1, '2'), step(2, '3')],
        }),
        expert('课题研究过程与成效', '10', '课题按计划推进，过程资料翔实，研究成果能指导教学'),
      ]),
    ]),
    group('成果', '论文、获奖、资源和著作', [
      section('成果产出', [
        computed('成果数量与级别', '3', '期内取得的市级及以上成果', {
          metric: 'OUTCOMES',
          minimumLevel: 'CITY',
          method: 'AT_LEAST',
          steps: [step(1, '1'), step(3, '2'), step(5, '3')],
        }),
        expert('成果质量与推广应用', '10', '成果的质量和在区域内的推广、转化'),
      ]),
    ]),
    group('示范辐射', '送教下乡和对区域教师的引领', [
      section('送教下乡', [
        computed('送教下乡次数', '3', '期内到农村、薄弱学校送教送培的次数', {
          metric: 'OUTREACH_VISITS',
          method: 'AT_LEAST',
          steps: [step(2, '1'), step(4, '2'), step(6, '3')],
        }),
        expert('送教实效与示范引领', '10', '送教内容针对受援学校需要，示范课、讲座效果好'),
      ]),
      section('辐射引领', [
        computed('辐射教师人数', '3', '参加工作室活动的不同教师人数，150 人及以上得满分', {
          metric: 'TEACHERS_REACHED',
          method: 'LINEAR',
          target: 150,
        }),
      ]),
    ]),
    group('经费管理', '专项经费专款专用、规范使用', [
      section('经费使用', [
        computed('预算执行率', '3', '已审核支出占下达经费的比例', {
          metric: 'BUDGET_EXECUTION_RATE',
          method: 'AT_LEAST',
          steps: [step(0.5, '1'), step(0.7, '2'), step(0.85, '3')],
        }),
        computed('课酬占比', '2', '主持人及成员课酬不超过经费的 50%', {
          metric: 'LECTURE_FEE_RATIO',
          method: 'AT_MOST',
          steps: [step(0.5, '2')],
        }),
        expert('经费管理规范', '7', '按学校财务制度管理，票据齐全，无挪用'),
      ]),
    ]),
    group('网络研修', '工作室网站、网络社区研修平台的建设和使用', [
      section('平台建设', [
        expert('网络平台建设与研修', '8', '网站或平台及时更新，利用网络社区开展研修'),
        computed('资源浏览量', '3', '期内活动资料的浏览量', {
          metric: 'RESOURCE_VIEWS',
          method: 'AT_LEAST',
          steps: [step(5000, '1'), step(15000, '2'), step(30000, '3')],
        }),
      ]),
    ]),
  ],
};

/** Points written as the Score scalar reads them ("7.5"), in the hundredths the API works in. */
export function points(value: string): number {
  return pointsToHundredths(value);
}

function group(title: string, description: string, children: IndicatorInput[]): IndicatorInput {
  return { title, description, children };
}

function section(title: string, children: IndicatorInput[]): IndicatorInput {
  return { title, children };
}

function expert(title: string, maxScore: string, description: string): IndicatorInput {
  return { title, description, maxScore: points(maxScore), source: 'EXPERT' };
}

function computed(
  title: string,
  maxScore: string,
  description: string,
  rule: ComputedRuleInput,
): IndicatorInput {
  return { title, description, maxScore: points(maxScore), source: 'COMPUTED', rule };
}

function step(value: number, pointsEarned: string): { value: number; points: number } {
  return { value, points: points(pointsEarned) };
}
