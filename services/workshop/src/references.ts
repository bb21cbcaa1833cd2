/**
 * Entities owned by other subgraphs, as this subgraph holds them: by key only. Their data (a
 * teacher's name, a school's flags) is resolved by their owner through the gateway, never copied.
 */
export interface TeacherRef {
  id: string;
}

export interface SchoolRef {
  id: string;
}

export interface RegionRef {
  code: string;
}
