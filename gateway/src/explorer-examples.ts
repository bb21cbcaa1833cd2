import { Role } from '@mingshi/auth';

/** The query the explorer opens with for callers holding one of `roles`. */
export interface ExplorerExample {
  roles: Role[];
  query: string;
}

/**
 * One first query per kind of caller, written against what that role may read (docs/roles.md).
 * None needs variables: the caller's scope and `viewer` already say whose region, school or
 * teacher it is. The first example whose roles meet the token's is shown.
 */
export function explorerExamples(year: number): ExplorerExample[] {
  return [
    {
      roles: [Role.PROVINCE_OFFICE, Role.CITY_OFFICE, Role.COUNTY_OFFICE],
      query: `# Your region's studios and teachers
query RegionOverview {
  viewer { region { fullName } }
  workshops(first: 10) {
    totalCount
    nodes { name level status host { name } }
  }
  teachers(first: 10) {
    totalCount
    nodes { name school { name } }
  }
}
`,
    },
    {
      roles: [Role.SCHOOL_ADMIN],
      query: `# Your school and its teachers
query MySchool {
  viewer {
    school {
      name
      teachers(first: 20) { totalCount nodes { name subject } }
    }
  }
}
`,
    },
    {
      roles: [Role.HOST, Role.TEACHER],
      query: `# Who you are, and your applications to studios
query Me {
  viewer { teacher { name school { name } } }
  myTraineeApplications { status workshop { name level } }
}
`,
    },
    {
      roles: [Role.FINANCE_SYSTEM],
      query: `# The studios whose funds you follow
query Studios {
  workshops(first: 20) {
    totalCount
    nodes { name level status hostSchool { name } }
  }
}
`,
    },
    {
      roles: [Role.ANALYST, Role.EVALUATOR],
      query: `# What the studios in your region did this year
query YearInFigures {
  viewer { region { fullName } }
  workshopMetrics(period: { from: "${year}-01-01", to: "${year}-12-31" }) {
    workshopCount
    activityCount
    teachersReached
    participantHours
  }
}
`,
    },
  ];
}
