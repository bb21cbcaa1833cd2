import type {
  AchievementLevel,
  Stage,
  Subject,
  WorkshopType,
} from '../../../services/workshop/src/generated/resolvers-types';

/** Stages as studio names say them: 小学语文名师工作室. */
const STAGE_WORDS: Record<Stage, string> = {
  PRESCHOOL: '学前',
  PRIMARY: '小学',
  JUNIOR_SECONDARY: '初中',
  SENIOR_SECONDARY: '高中',
  VOCATIONAL: '中职',
  SPECIAL: '特殊教育',
};

const SUBJECT_WORDS: Record<Subject, string> = {
  CHINESE: '语文',
  MATHEMATICS: '数学',
  ENGLISH: '英语',
  PHYSICS: '物理',
  CHEMISTRY: '化学',
  BIOLOGY: '生物',
  HISTORY: '历史',
  GEOGRAPHY: '地理',
  POLITICS: '道德与法治',
  SCIENCE: '科学',
  MUSIC: '音乐',
  ART: '美术',
  PHYSICAL_EDUCATION: '体育',
  INFORMATION_TECHNOLOGY: '信息技术',
  PSYCHOLOGY: '心理健康',
  LABOUR: '劳动',
  PRESCHOOL_EDUCATION: '学前教育',
  SPECIAL_EDUCATION: '特殊教育',
  VOCATIONAL_SKILLS: '专业技能',
  GENERAL: '综合实践',
};

const TYPE_WORDS: Record<WorkshopType, string> = {
  TEACHER: '名师工作室',
  PRINCIPAL: '名校长工作室',
  HEAD_TEACHER: '名班主任工作室',
};

export const LEVEL_WORDS: Record<AchievementLevel, string> = {
  NATIONAL: '国家级',
  PROVINCE: '省级',
  CITY: '市级',
  COUNTY: '县级',
  SCHOOL: '校级',
};

/** What a studio's research projects and outcomes are about. */
export const RESEARCH_TOPICS = [
  '大单元教学',
  '作业设计',
  '课堂评价',
  '跨学科学习',
  '情境教学',
  '深度学习',
  '家校协同',
  '乡村教师专业发展',
];

/**
 * What a studio works on, as its name and its activities' titles say it: 小学语文 for a teacher
 * studio (学前教育, not 学前学前教育), 小学班级管理 for a head-teacher studio, 学校管理 for a
 * principals' studio, whose hosts lead schools rather than teach one subject.
 */
export function studioArea(type: WorkshopType, stage: Stage, subject: Subject): string {
  if (type === 'PRINCIPAL') return '学校管理';
  if (type === 'HEAD_TEACHER') return `${STAGE_WORDS[stage]}班级管理`;
  const stageWord = STAGE_WORDS[stage];
  const subjectWord = SUBJECT_WORDS[subject];
  return subjectWord.startsWith(stageWord) ? subjectWord : `${stageWord}${subjectWord}`;
}

/** 王芳小学语文名师工作室, 李强名校长工作室: the host's name, what the studio works on, its kind. */
export function studioName(hostName: string, type: WorkshopType, stage: Stage, subject: Subject): string {
  if (type === 'PRINCIPAL') return `${hostName}${TYPE_WORDS[type]}`;
  const area = type === 'HEAD_TEACHER' ? STAGE_WORDS[stage] : studioArea(type, stage, subject);
  return `${hostName}${area}${TYPE_WORDS[type]}`;
}
