import { Role, covers, hasRole, isOffice, type Principal } from '@mingshi/auth';

/**
 * Who may ask for reports: the offices, for their region and below, and analysts, read-only
 * users whose reports are always masked. Hosts, teachers, evaluators, school administrators and
 * the finance system read the graph for their own work and have no reports.
 */
export function mayRequestReports(principal: Principal): boolean {
  return isOffice(principal) || hasRole(principal, Role.ANALYST);
}

/** Personal data is shown in reports to offices only; an analyst role masks it whatever else is held. */
export function masksPersonalData(principal: Principal): boolean {
  return hasRole(principal, Role.ANALYST) || !isOffice(principal);
}

/**
 * Whether a job (and so its file) is the caller's to see: its region is within the caller's
 * scope, and it shows no personal data the caller may not see.
 */
export function maySeeReport(principal: Principal, job: { regionCode: string; masked: boolean }): boolean {
  return (
    mayRequestReports(principal) &&
    covers(principal.regionCode, job.regionCode) &&
    (job.masked || !masksPersonalData(principal))
  );
}

/** The requester cancels their own job; an office may cancel any job it can see. */
export function mayCancelReport(
  principal: Principal,
  job: { regionCode: string; masked: boolean; requestedBy: string },
): boolean {
  return maySeeReport(principal, job) && (job.requestedBy === principal.userId || isOffice(principal));
}

/** The download audit is for offices: it names users. */
export function maySeeDownloads(principal: Principal): boolean {
  return isOffice(principal) && !hasRole(principal, Role.ANALYST);
}
