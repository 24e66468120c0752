/**
 * The redisclosure notice every exported client record carries (42 CFR Part 2). Worded for
 * Attune; the PDF prints it at the foot of every page.
 */
export const REDISCLOSURE_NOTICE =
  "This record is protected by federal confidentiality rules for substance use disorder treatment records (42 CFR Part 2). " +
  "It may not be disclosed further without the written consent of the person it concerns, except as those rules allow. " +
  "A general authorization to release medical information is not sufficient.";

/** A short form for places with little room (file headers, the FHIR Bundle's security label). */
export const REDISCLOSURE_SHORT = "Protected by 42 CFR Part 2: no further disclosure without the client's written consent.";
