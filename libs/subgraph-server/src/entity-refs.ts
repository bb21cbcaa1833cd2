/**
 * Entities owned by another subgraph, as a subgraph that refers to them holds them: by key only.
 * Their data (a teacher's name, a studio's name) is resolved by their owner through the gateway,
 * never copied.
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

export interface WorkshopRef {
  id: string;
}

/** A studio's record (an activity, research project or outcome), owned by the workshop subgraph. */
export interface RecordRef {
  id: string;
}
