import { parseArgs } from 'node:util';
import { ALL_ROLES, Role, isRegionCode, mintDevToken } from '@mingshi/auth';
import { DEV_DEFAULTS } from '@mingshi/config';

/**
 * `npm run token -- --role COUNTY_OFFICE --region 510403` prints a development token (HS256 with
 * JWT_SECRET) alone on its last line. `--teacher <id>` for HOST/TEACHER, `--school <id>` for
 * SCHOOL_ADMIN; `--role` may repeat. `--help` says how to find those ids.
 */
const ROLES: readonly Role[] = ALL_ROLES.filter((role) => role !== Role.SYSTEM);
const GATEWAY = `http://localhost:${process.env.GATEWAY_PORT ?? 4000}/graphql`;
/** An office sees its teachers' and schools' ids: what HOST, TEACHER and SCHOOL_ADMIN tokens name. */
const ID_QUERY = JSON.stringify({
  query: '{ teachers(first: 5) { nodes { id name school { id name } } } }',
});

const usage = `usage: npm run token -- --role <ROLE> --region <code> [--teacher <id>] [--school <id>] [--user <id>] [--expires 12h]`;

const help = `${usage}

Prints a development token (HS256, signed with JWT_SECRET or npm start's development secret) alone
on its last line.

  --role <ROLE>     the caller's role; repeat it for several:
                    ${ROLES.join(', ')}
  --region <code>   the caller's jurisdiction, a six-digit GB/T 2260 code; the demo data has
                    510403 攀枝花市西区, 530800 普洱市, 350700 南平市, 530181 安宁市, 520000 贵州省
  --teacher <id>    HOST and TEACHER: the teacher the caller is (required for those roles)
  --school <id>     SCHOOL_ADMIN: the school the caller administers (required for that role)
  --user <id>       the token's subject (default dev-<role>-<region>)
  --expires <time>  lifetime, e.g. 30m, 12h, 7d (default 12h)
  --help            this text

Teacher and school ids: ask as the office of their region, e.g. 攀枝花市西区's county bureau:

  TOKEN=$(npm run -s token -- --role COUNTY_OFFICE --region 510403 | tail -n 1)
  curl -s ${GATEWAY} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '${ID_QUERY}'

then, with an id from the answer:

  npm run token -- --role TEACHER --region 510403 --teacher <id>
  npm run token -- --role SCHOOL_ADMIN --region 510403 --school <school id>`;

function readOptions() {
  try {
    return parseArgs({
      options: {
        role: { type: 'string', multiple: true },
        region: { type: 'string' },
        teacher: { type: 'string' },
        school: { type: 'string' },
        user: { type: 'string' },
        expires: { type: 'string', default: '12h' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return refuse([(error as Error).message]);
  }
}

function refuse(problems: string[]): never {
  console.error(`${problems.join('\n')}\n${usage}\n(npm run token -- --help for more)`);
  process.exit(2);
}

async function main(): Promise<void> {
  const values = readOptions();
  if (values.help) {
    console.log(help);
    return;
  }
  const roles = (values.role ?? []) as Role[];
  const problems: string[] = [];
  if (roles.length === 0) problems.push('--role is required');
  for (const role of roles) {
    if (!ROLES.includes(role)) problems.push(`unknown role ${role} (roles: ${ROLES.join(', ')})`);
  }
  if (!values.region || !isRegionCode(values.region))
    problems.push('--region must be a six-digit GB/T 2260 code');
  if (roles.some((r) => r === Role.HOST || r === Role.TEACHER) && !values.teacher) {
    problems.push('HOST and TEACHER tokens need --teacher <id>');
  }
  if (roles.includes(Role.SCHOOL_ADMIN) && !values.school)
    problems.push('SCHOOL_ADMIN tokens need --school <id>');
  if (problems.length) refuse(problems);
  const secret = process.env.JWT_SECRET ?? DEV_DEFAULTS.JWT_SECRET;
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
