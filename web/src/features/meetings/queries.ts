import { queryOptions } from "@tanstack/react-query";
import { type CreateMeetingInput, Meeting, MeetingList, type UpdateMeetingInput } from "../../../../schemas/meetings.ts";
import { apiGet, apiSend, seg } from "../../api.ts";

export const meetingsQuery = (enrolmentId: string) =>
  queryOptions({
    queryKey: ["meetings", enrolmentId],
    queryFn: () => apiGet(`/enrolments/${seg(enrolmentId)}/meetings`, MeetingList),
  });

export const bookMeeting = (enrolmentId: string, input: CreateMeetingInput) => apiSend("POST", `/enrolments/${seg(enrolmentId)}/meetings`, input, Meeting);
export const changeMeeting = (id: string, input: UpdateMeetingInput) => apiSend("PATCH", `/meetings/${seg(id)}`, input, Meeting);

/** The authenticated download of one meeting as an iCalendar file (the server logs it). */
export const meetingIcsHref = (id: string) => `/api/meetings/${seg(id)}/ics`;
