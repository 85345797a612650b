import "../../../i18n/plan.ts";
import "../../../i18n/ratings.ts";

/**
 * The parts of a participant's record, each its own page under /deltagare/$enrolmentId. A
 * feature adds its page here (and a route in router.tsx); the sub-navigation lists them in
 * this order. `label` is a translation key.
 */
export const participantSections = [
  { to: "/deltagare/$enrolmentId", label: "participant.sections.overview" },
  { to: "/deltagare/$enrolmentId/kartlaggning", label: "mapping.section" },
  { to: "/deltagare/$enrolmentId/plan", label: "plan.section" },
  { to: "/deltagare/$enrolmentId/moten", label: "participant.sections.meetings" },
  { to: "/deltagare/$enrolmentId/anteckningar", label: "participant.sections.notes" },
  { to: "/deltagare/$enrolmentId/aktiviteter", label: "participant.sections.activities" },
  { to: "/deltagare/$enrolmentId/grupper", label: "participant.sections.groups" },
  { to: "/deltagare/$enrolmentId/skattningar", label: "ratingsNav.section" },
] as const;
