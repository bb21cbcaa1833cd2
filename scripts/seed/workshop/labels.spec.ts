import { studioArea, studioName } from './labels';

describe('studio labels', () => {
  it('name a studio after its host, what it works on and its kind', () => {
    expect(studioName('王芳', 'TEACHER', 'PRIMARY', 'CHINESE')).toBe('王芳小学语文名师工作室');
    expect(studioName('李强', 'HEAD_TEACHER', 'JUNIOR_SECONDARY', 'MATHEMATICS')).toBe(
      '李强初中名班主任工作室',
    );
    expect(studioName('张敏', 'PRINCIPAL', 'SENIOR_SECONDARY', 'PHYSICS')).toBe('张敏名校长工作室');
  });

  it('say a stage once when the subject already names it', () => {
    expect(studioArea('TEACHER', 'PRESCHOOL', 'PRESCHOOL_EDUCATION')).toBe('学前教育');
    expect(studioArea('TEACHER', 'SPECIAL', 'SPECIAL_EDUCATION')).toBe('特殊教育');
    expect(studioArea('TEACHER', 'PRESCHOOL', 'MUSIC')).toBe('学前音乐');
    expect(studioArea('HEAD_TEACHER', 'PRIMARY', 'ART')).toBe('小学班级管理');
  });
});
