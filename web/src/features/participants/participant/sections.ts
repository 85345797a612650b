/**
 * The parts of a participant's record, each its own page under /deltagare/$enrolmentId. A
 * feature adds its page here (and a route in router.tsx); the sub-navigation lists them in
 * this order. `label` is a translation key.
 */
export const participantSections = [
  { to: "/deltagare/$enrolmentId", label: "participant.sections.overview" },
  { to: "/deltagare/$enrolmentId/moten", label: "participant.sections.meetings" },
  { to: "/deltagare/$enrolmentId/anteckningar", label: "participant.sections.notes" },
] as const;
