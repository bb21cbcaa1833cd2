import { parseArgs } from 'node:util';
import { ALL_ROLES, Role, isRegionCode, mintDevToken } from '@mingshi/auth';
import { DEV_DEFAULTS } from '@mingshi/config';

/**
 * `npm run token -- --role COUNTY_OFFICE --region 510403` prints a development token (HS256 with
 * JWT_SECRET) alone on its last line. `--teacher <id>` for HOST/TEACHER, `--school <id>` for
 * SCHOOL_ADMIN; `--role` may repeat.
 */
const usage =
  'usage: npm run token -- --role <ROLE> --region <code> [--teacher <id>] [--school <id>] [--user <id>] [--expires 12h]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      region: { type: 'string' },
      teacher: { type: 'string' },
      school: { type: 'string' },
      user: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const roles = (values.role ?? []) as Role[];
  const problems: string[] = [];
  if (roles.length === 0) problems.push('--role is required');
  for (const role of roles) {
    if (!ALL_ROLES.includes(role) || role === Role.SYSTEM) problems.push(`unknown role ${role}`);
  }
  if (!values.region || !isRegionCode(values.region))
    problems.push('--region must be a six-digit GB/T 2260 code');
  if (roles.some((r) => r === Role.HOST || r === Role.TEACHER) && !values.teacher) {
    problems.push('HOST and TEACHER tokens need --teacher <id>');
  }
  if (roles.includes(Role.SCHOOL_ADMIN) && !values.school)
    problems.push('SCHOOL_ADMIN tokens need --school <id>');
  const secret = process.env.JWT_SECRET ?? DEV_DEFAULTS.JWT_SECRET;
  if (problems.length) {
    console.error(
      `${problems.join('\n')}\n${usage}\nroles: ${ALL_ROLES.filter((r) => r !== Role.SYSTEM).join(', ')}`,
    );
    process.exit(2);
  }
  const token = await mintDevToken(
    {
      userId: values.user ?? `dev-${roles[0]!.toLowerCase()}-${values.region}`,
      roles,
      regionCode: values.region!,
      ...(values.teacher ? { teacherId: values.teacher } : {}),
      ...(values.school ? { schoolId: values.school } : {}),
    },
    secret,
    { expiresIn: values.expires },
  );
  console.log(`# ${roles.join(',')} @ ${values.region} (expires in ${values.expires})`);
  console.log(token);
}

void main();
